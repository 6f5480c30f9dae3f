using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// What a submitted job sets aside of its requester's credits: the most it may cost. A private job's hold is not
/// published (<see cref="IsPublic"/>): its stored bytes, and so its hold, follow from its private input's length.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.account-hold")]
internal sealed record AccountHold([property: Id(0)] string JobId, [property: Id(1)] long Amount, [property: Id(2)] bool IsPublic);
