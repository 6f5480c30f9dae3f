using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// A cohort member's report that its execution of the attempt hit the job's wall-clock limit: a reply without a vote.
/// When every member reports it the job is at fault (it runs longer than its own limit allows), not its validators.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.wall-clock-report")]
public sealed record WallClockReport([property: Id(0)] string JobId, [property: Id(1)] int Attempt, [property: Id(2)] string ValidatorId);
