using Paraloom.Compute.Selection;

namespace Paraloom.Compute;

/// <summary>How validators are chosen for a cohort.</summary>
public sealed record SelectionOptions
{
    public static SelectionOptions Default { get; } = new();

    /// <summary>Validators below this reputation are never selected (default 200 of 0–1000).</summary>
    public int MinimumReputation
    {
        get;
        init => field = value is >= Reputation.Min and <= Reputation.Max
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MinimumReputation), value,
                $"The reputation gate must be within {Reputation.Min}–{Reputation.Max}.");
    } = 200;

    /// <summary>
    /// Scores within this distance of the best remaining score count as equal, and the pick among them is
    /// random (default 0.05 on the 0–1 score scale), so validators cannot predict or steer assignments.
    /// </summary>
    public double TieBand
    {
        get;
        init => field = value is >= 0 and <= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(TieBand), value, "The tie band must be within 0–1.");
    } = 0.05;
}
