using Orleans;
namespace Paraloom.Grains;

/// <summary>A key hand-out that does not fit the job: wrong attempt, keys not awaited, or not exactly the cohort.</summary>
[GenerateSerializer, Alias("paraloom.key-delivery-exception")]
public sealed class KeyDeliveryException(string message) : Exception(message);
