using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// A validator's executions in flight after its <paramref name="Sequence"/>-th change. Reports travel one-way
/// and may overtake each other; the registry keeps the one with the highest sequence.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.load-report")]
public readonly record struct LoadReport([property: Id(0)] int InFlight, [property: Id(1)] long Sequence);
