namespace Paraloom.Grains;

/// <summary>
/// The registry's stored part: who the validators are, where, their execution profile and their reputation. Load is
/// not stored.
/// </summary>
internal sealed class ValidatorRegistryState
{
    public Dictionary<string, RegisteredValidator> Validators { get; set; } = new(StringComparer.Ordinal);
}

internal sealed record RegisteredValidator(string SiloId, byte[] PublicKey, int Capacity, int Reputation, string Profile);
