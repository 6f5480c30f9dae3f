using Orleans;

namespace Paraloom.Grains;

/// <summary>One entry of an account's history.</summary>
/// <param name="JobId">The job it concerns; null for a grant.</param>
/// <param name="Attempt">The job's attempt whose cohort agreed (a charge or an earning), else 0.</param>
[GenerateSerializer, Immutable, Alias("paraloom.account-entry")]
public sealed record AccountEntry(
    [property: Id(0)] AccountEntryKind Kind,
    [property: Id(1)] long Amount,
    [property: Id(2)] string? JobId,
    [property: Id(3)] int Attempt,
    [property: Id(4)] DateTimeOffset At);
