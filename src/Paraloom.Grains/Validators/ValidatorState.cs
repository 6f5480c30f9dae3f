namespace Paraloom.Grains;

/// <summary>A validator's stored state: its reputation and the outcomes already applied to it.</summary>
internal sealed class ValidatorState
{
    /// <summary>How many applied outcome keys are remembered; far more than can be replayed at once.</summary>
    public const int RememberedOutcomes = 4096;

    public int Reputation { get; set; } = Compute.Selection.Reputation.Initial;

    public List<string> AppliedOutcomes { get; set; } = [];
}
