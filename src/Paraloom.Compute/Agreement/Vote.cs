using Paraloom.Privacy.Notes;

namespace Paraloom.Compute.Agreement;

/// <summary>A cohort member's claim about one attempt: the result digest, the fuel it took and a private result's note.</summary>
public sealed record Vote
{
    public Vote(string validatorId, int attempt, ResultDigest digest, long fuelUsed, NoteCommitment? note = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(validatorId);
        ArgumentNullException.ThrowIfNull(digest);
        ValidatorId = validatorId;
        Attempt = Guard.Positive(attempt, nameof(attempt));
        Digest = digest;
        FuelUsed = Guard.NotNegative(fuelUsed, nameof(fuelUsed));
        Note = note;
    }

    public string ValidatorId { get; }

    public int Attempt { get; }

    public ResultDigest Digest { get; }

    public long FuelUsed { get; }

    /// <summary>A private result's output note; <c>null</c> for every other result.</summary>
    public NoteCommitment? Note { get; }

    /// <summary>
    /// Votes agree only on digest, fuel and note together: fuel is deterministic and it sets the fee, and the note is
    /// what the result re-enters the privacy layer as, so a member that signs another note disagrees.
    /// </summary>
    internal Ballot Ballot => new(Digest, FuelUsed, Note);
}

internal readonly record struct Ballot(ResultDigest Digest, long FuelUsed, NoteCommitment? Note);
