namespace Paraloom.Grains;

/// <summary>
/// The registry's stored part: who the validators are, where, their execution profile and their reputation. Load is
/// not stored.
/// </summary>
internal sealed class ValidatorRegistryState
{
    public Dictionary<string, RegisteredValidator> Validators { get; set; } = new(StringComparer.Ordinal);
}

/// <param name="Host">
/// The Orleans silo (address, port and generation) the validator registered from; null in state written before
/// validators were placed by key.
/// </param>
internal sealed record RegisteredValidator(string SiloId, byte[] PublicKey, int Capacity, int Reputation, string Profile, string? Host = null);
