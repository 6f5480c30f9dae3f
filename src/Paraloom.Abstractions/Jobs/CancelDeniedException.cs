using Orleans;

namespace Paraloom.Grains;

/// <summary>A cancel not signed by the job's requester over a fresh challenge: the job carries on unchanged.</summary>
[GenerateSerializer, Alias("paraloom.cancel-denied-exception")]
public sealed class CancelDeniedException(string message) : Exception(message);
