namespace Paraloom.Grains;

/// <summary>A key hand-out that does not fit the job: wrong attempt, keys not awaited, or not exactly the cohort.</summary>
public sealed class KeyDeliveryException(string message) : Exception(message);
