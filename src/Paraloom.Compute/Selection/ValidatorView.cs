namespace Paraloom.Compute.Selection;

/// <summary>What selection knows about one validator at a moment.</summary>
public sealed record ValidatorView
{
    public ValidatorView(string validatorId, string siloId, int inFlight, int capacity, int reputation)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(validatorId);
        ArgumentException.ThrowIfNullOrWhiteSpace(siloId);
        ValidatorId = validatorId;
        SiloId = siloId;
        InFlight = (int)Guard.NotNegative(inFlight, nameof(inFlight));
        Capacity = Guard.Positive(capacity, nameof(capacity));
        Reputation = Math.Clamp(reputation, Selection.Reputation.Min, Selection.Reputation.Max);
    }

    public string ValidatorId { get; }

    public string SiloId { get; }

    /// <summary>Executions running or queued on the validator.</summary>
    public int InFlight { get; }

    /// <summary>Executions the validator runs at once.</summary>
    public int Capacity { get; }

    public int Reputation { get; }

    public bool HasFreeCapacity => InFlight < Capacity;

    /// <summary>
    /// A score in [0, 1]: the mean of the free share of capacity and the reputation's share of its maximum.
    /// Load and reputation weigh the same, so a busy but trusted validator and an idle newcomer compete.
    /// </summary>
    public double Score =>
        0.5 * (1.0 - Math.Min(InFlight, Capacity) / (double)Capacity)
        + 0.5 * (Reputation / (double)Selection.Reputation.Max);
}
