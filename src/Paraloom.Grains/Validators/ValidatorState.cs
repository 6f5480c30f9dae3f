namespace Paraloom.Grains;

/// <summary>A validator's stored state: its reputation, the outcomes it applied last, and its recovery clock.</summary>
internal sealed class ValidatorState
{
    public int Reputation { get; set; } = Compute.Selection.Reputation.Initial;

    public RecentOutcomes Recent { get; set; } = new();

    /// <summary>
    /// While the reputation is below the selection gate: when the fault-free period that earns the next recovery step
    /// began (the last fault, or the last step). Null at or above the gate.
    /// </summary>
    public DateTimeOffset? RecoversFrom { get; set; }

    /// <summary>
    /// The outcome keys stored before <see cref="Recent"/> (a list that grew to 4,096): moved into it on activation.
    /// </summary>
    public List<string>? AppliedOutcomes { get; set; }
}
