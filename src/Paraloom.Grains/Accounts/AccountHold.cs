using Orleans;

namespace Paraloom.Grains;

/// <summary>What a submitted job sets aside of its requester's credits: the most it may cost.</summary>
[GenerateSerializer, Immutable, Alias("paraloom.account-hold")]
internal sealed record AccountHold([property: Id(0)] string JobId, [property: Id(1)] long Amount);
