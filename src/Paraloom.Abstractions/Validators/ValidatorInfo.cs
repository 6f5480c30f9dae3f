using Orleans;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>A validator as the scoring view sees it.</summary>
[GenerateSerializer, Immutable, Alias("paraloom.validator-info")]
public sealed record ValidatorInfo(
    [property: Id(0)] string ValidatorId, [property: Id(1)] string SiloId, [property: Id(2)] PublicKey PublicKey,
    [property: Id(3)] int Capacity, [property: Id(4)] int InFlight, [property: Id(5)] int Reputation);
