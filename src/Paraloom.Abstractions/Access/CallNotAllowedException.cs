using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// A grain call the silo refused for who made it: an external client calling a method outside the requester's surface
/// (<see cref="RequesterSurfaceAttribute"/>), or a grain calling a step it does not own. Nothing was run.
/// </summary>
[GenerateSerializer, Alias("paraloom.call-not-allowed-exception")]
public sealed class CallNotAllowedException(string message) : Exception(message);
