using Orleans;
using Paraloom.Compute;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// What a cohort selection found: the cohort, or why there is none. <see cref="OnlyBusy"/> says enough trusted
/// validators exist and are merely busy, so the job was queued and waits instead of being refused. A cohort is
/// drawn from validators of one execution <see cref="Profile"/>; <see cref="Certificates"/> are its members' validator
/// certificates, in the order of <see cref="Cohort"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.cohort-selection")]
public sealed record CohortSelection(
    [property: Id(0)] IReadOnlyList<CohortMember> Cohort,
    [property: Id(1)] string? Shortage,
    [property: Id(2)] bool OnlyBusy,
    [property: Id(3)] string? Profile,
    [property: Id(4)] IReadOnlyList<ValidatorCertificate> Certificates)
{
    public bool Found => Shortage is null;

    public static CohortSelection Of(IReadOnlyList<CohortMember> cohort, IReadOnlyList<ValidatorCertificate> certificates, string profile)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(certificates.Count, cohort.Count, nameof(certificates));
        return new(cohort, null, false, profile, certificates);
    }

    public static CohortSelection None(string shortage, bool onlyBusy) => new([], shortage, onlyBusy, null, []);
}
