using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Compute;

/// <summary>
/// BIP-340's tagged hash, <c>SHA-256(SHA-256(tag) ‖ SHA-256(tag) ‖ message)</c>, for one tag: what every signed
/// encoding of this layer is hashed with, so a signature made for one kind of object is never valid for another.
/// </summary>
internal sealed class DomainHash(string tag)
{
    private readonly byte[] _tagHash = SHA256.HashData(Encoding.ASCII.GetBytes(tag));

    public string Tag { get; } = tag;

    public byte[] Of(ReadOnlySpan<byte> message)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(_tagHash);
        hash.AppendData(_tagHash);
        hash.AppendData(message);
        return hash.GetHashAndReset();
    }
}
