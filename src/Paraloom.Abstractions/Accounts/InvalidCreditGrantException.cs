using Orleans;

namespace Paraloom.Grains;

/// <summary>A credit grant that does not parse, is not signed by the network authority, names another account or has expired: 422.</summary>
[GenerateSerializer, Alias("paraloom.invalid-credit-grant-exception")]
public sealed class InvalidCreditGrantException(string message) : Exception(message)
{
    public const string Error = "invalid-credit-grant";
}
