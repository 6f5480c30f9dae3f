using Orleans;
using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// An attempt's cohort, the execution profile it was chosen in, the agreement rule, and the hash of the job's signed
/// statement (which every counted vote signs), fixed when the quorum opens.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.quorum-setup")]
public sealed record QuorumSetup(
    [property: Id(0)] string JobId, [property: Id(1)] int Attempt, [property: Id(2)] IReadOnlyList<CohortMember> Cohort,
    [property: Id(3)] AgreementOptions Agreement, [property: Id(4)] string Profile, [property: Id(5)] byte[] StatementHash)
{
    public bool SameAs(QuorumSetup other) =>
        JobId == other.JobId && Attempt == other.Attempt && Agreement == other.Agreement && Profile == other.Profile
        && Cohort.SequenceEqual(other.Cohort) && StatementHash.AsSpan().SequenceEqual(other.StatementHash);

    /// <summary>What a member's vote must be about to count in this attempt.</summary>
    public VoteSubject Subject => new(JobId, Attempt, StatementHash, VoteClaim.HashCohort([.. Cohort.Select(member => member.ValidatorId)]));
}
