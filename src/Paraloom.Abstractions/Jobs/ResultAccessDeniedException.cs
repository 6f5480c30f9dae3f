using Orleans;
namespace Paraloom.Grains;

/// <summary>A result request not authorised by the requester over a fresh challenge.</summary>
[GenerateSerializer, Alias("paraloom.result-access-denied-exception")]
public sealed class ResultAccessDeniedException(string message) : Exception(message);
