using Orleans;

namespace Paraloom.Grains;

/// <summary>A validator revocation that does not parse, or that the network authority did not sign: 422, and nothing is stored.</summary>
[GenerateSerializer, Alias("paraloom.invalid-revocation-exception")]
public sealed class InvalidRevocationException(string message) : Exception(message)
{
    public const string Error = "invalid-revocation";
}
