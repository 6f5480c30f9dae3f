namespace Paraloom.Grains;

/// <summary>A validator's stored state: its reputation and the outcomes it applied last.</summary>
internal sealed class ValidatorState
{
    public int Reputation { get; set; } = Compute.Selection.Reputation.Initial;

    public RecentOutcomes Recent { get; set; } = new();

    /// <summary>
    /// The outcome keys stored before <see cref="Recent"/> (a list that grew to 4,096): moved into it on activation.
    /// </summary>
    public List<string>? AppliedOutcomes { get; set; }
}
