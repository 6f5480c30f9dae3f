namespace Paraloom.Compute.Agreement;

/// <summary>A cohort member's claim about one attempt: the result digest and the fuel it took.</summary>
public sealed record Vote
{
    public Vote(string validatorId, int attempt, ResultDigest digest, long fuelUsed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(validatorId);
        ArgumentNullException.ThrowIfNull(digest);
        ValidatorId = validatorId;
        Attempt = Guard.Positive(attempt, nameof(attempt));
        Digest = digest;
        FuelUsed = Guard.NotNegative(fuelUsed, nameof(fuelUsed));
    }

    public string ValidatorId { get; }

    public int Attempt { get; }

    public ResultDigest Digest { get; }

    public long FuelUsed { get; }

    /// <summary>Votes agree only on digest and fuel together: fuel is deterministic and it sets the fee.</summary>
    internal Ballot Ballot => new(Digest, FuelUsed);
}

internal readonly record struct Ballot(ResultDigest Digest, long FuelUsed);
