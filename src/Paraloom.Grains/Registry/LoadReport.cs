namespace Paraloom.Grains;

/// <summary>
/// A validator's executions in flight after its <paramref name="Sequence"/>-th change. Reports travel one-way
/// and may overtake each other; the registry keeps the one with the highest sequence.
/// </summary>
public readonly record struct LoadReport(int InFlight, long Sequence);
