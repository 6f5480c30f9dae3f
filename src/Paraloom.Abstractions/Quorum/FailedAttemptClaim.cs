using Orleans;
using Paraloom.Compute;
using Paraloom.Privacy.Notes;

namespace Paraloom.Grains;

/// <summary>
/// One member's signed claim in an attempt that failed in a way its cohort certifies: its wall-clock report
/// (<paramref name="Ballot"/> null) or its vote (the result it signed). What a rejection receipt carries for that member.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.failed-attempt-claim")]
public sealed record FailedAttemptClaim(
    [property: Id(0)] string ValidatorId, [property: Id(1)] byte[] Signature, [property: Id(2)] ResultDigest? Digest = null,
    [property: Id(3)] long FuelUsed = 0, [property: Id(4)] NoteCommitment? Note = null)
{
    /// <summary>The result the vote signed; null for a wall-clock report.</summary>
    public RejectionBallot? Ballot => Digest is null ? null : new RejectionBallot(Digest, FuelUsed, Note);
}
