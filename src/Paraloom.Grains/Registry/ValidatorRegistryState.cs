namespace Paraloom.Grains;

/// <summary>
/// The registry's stored part: who the validators are, where, their execution profile, certificate and reputation, and
/// who was revoked. Load is not stored.
/// </summary>
internal sealed class ValidatorRegistryState
{
    public Dictionary<string, RegisteredValidator> Validators { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Revoked validator ids and the canonical bytes of the network authority's revocation of each: never admitted again.</summary>
    public Dictionary<string, byte[]> Revoked { get; set; } = new(StringComparer.Ordinal);
}

/// <param name="Host">
/// The Orleans silo (address, port and generation) the validator registered from; null in state written before
/// validators were placed by key.
/// </param>
/// <param name="Certificate">
/// The canonical bytes of the validator certificate it registered with; null in state written before validators were
/// certified (such an entry is never selected until its validator registers again with a certificate).
/// </param>
internal sealed record RegisteredValidator(
    string SiloId, byte[] PublicKey, int Capacity, int Reputation, string Profile, string? Host = null, byte[]? Certificate = null);
