using Orleans;

namespace Paraloom.Grains;

/// <summary>What a job claims of its requester's share: a job in progress, queued or not, and the bytes it stores.</summary>
[GenerateSerializer, Immutable, Alias("paraloom.requester-claim")]
internal sealed record RequesterClaim([property: Id(0)] string JobId, [property: Id(1)] long StoredBytes, [property: Id(2)] bool Queued);
