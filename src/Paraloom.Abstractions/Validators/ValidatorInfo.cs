using Orleans;
using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// A validator as the scoring view sees it. <paramref name="Profile"/> names its execution profile (engine, version,
/// architecture, configuration hash): cohorts are chosen within one profile, since only equal profiles promise
/// equal results. <paramref name="Certificate"/> is the network authority's admission of its key for that profile:
/// without one that verifies, the registry never selects it.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.validator-info")]
public sealed record ValidatorInfo(
    [property: Id(0)] string ValidatorId, [property: Id(1)] string SiloId, [property: Id(2)] PublicKey PublicKey,
    [property: Id(3)] int Capacity, [property: Id(4)] int InFlight, [property: Id(5)] int Reputation,
    [property: Id(6)] string Profile, [property: Id(7)] ValidatorCertificate? Certificate);
