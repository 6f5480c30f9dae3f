namespace Paraloom.Actors;

/// <summary>Describes one reminder tick. Times are UTC.</summary>
public readonly record struct TickStatus(DateTime FirstTickTime, TimeSpan Period, DateTime CurrentTickTime);
