using Orleans;
namespace Paraloom.Grains;

/// <summary>A key hand-out whose signature is not the job's hand-out key's over this job, attempt and wrapped keys.</summary>
[GenerateSerializer, Alias("paraloom.key-hand-out-denied-exception")]
public sealed class KeyHandOutDeniedException(string message) : Exception(message);
