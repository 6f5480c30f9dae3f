using Paraloom.Privacy;

namespace Paraloom.Silo;

/// <summary>
/// The network this silo belongs to (<c>Paraloom:Network</c>): its authority's public key, the one key whose
/// certificates admit validators. A silo starts only with it.
/// </summary>
public sealed class NetworkSettings
{
    /// <summary>
    /// The network authority's x-only public key (64 hex digits, as <c>paraloom network init</c> prints it and writes to
    /// <c>authority.pub</c>). Required: the registry selects only validators whose certificates verify under it.
    /// </summary>
    public string? AuthorityKey { get; set; }

    /// <summary>
    /// The authority's key, or null when none is set (the silo then refuses to start, when its compute options are
    /// validated: binding and checking settings, as deployment checks do, needs no network). Throws
    /// <see cref="InvalidOperationException"/> naming the setting when it is malformed.
    /// </summary>
    public PublicKey? Authority(string section)
    {
        if (string.IsNullOrWhiteSpace(AuthorityKey))
        {
            return null;
        }
        try
        {
            return PublicKey.FromHex(AuthorityKey.Trim());
        }
        catch (Exception invalid) when (invalid is FormatException or ArgumentException or InvalidEncodingException)
        {
            throw new InvalidOperationException($"{section}:AuthorityKey is not an x-only secp256k1 public key in hex: {invalid.Message}");
        }
    }
}
