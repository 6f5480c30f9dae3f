using Orleans;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// What a cohort selection found: the cohort, or why there is none. <see cref="OnlyBusy"/> says enough trusted
/// validators exist and are merely busy, so the job was queued and waits instead of being refused.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.cohort-selection")]
public sealed record CohortSelection(
    [property: Id(0)] IReadOnlyList<CohortMember> Cohort,
    [property: Id(1)] string? Shortage,
    [property: Id(2)] bool OnlyBusy)
{
    public bool Found => Shortage is null;

    public static CohortSelection Of(IReadOnlyList<CohortMember> cohort) => new(cohort, null, false);

    public static CohortSelection None(string shortage, bool onlyBusy) => new([], shortage, onlyBusy);
}
