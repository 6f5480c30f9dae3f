using Paraloom.Privacy;

namespace Paraloom.Compute;

/// <summary>
/// A validator's id: <c>v</c> and the first 16 hex digits of its x-only public key. Derived from the key, so it is the
/// same on every restart and unique across a cluster (no two silos' keys share 64 bits by chance), whichever silo or
/// key file holds it.
/// </summary>
public static class ValidatorIdentity
{
    public static string FromPublicKey(PublicKey publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        return "v" + publicKey.ToHex()[..16];
    }
}
