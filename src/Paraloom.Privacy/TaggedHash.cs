using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Privacy;

/// <summary>
/// BIP-340 tagged hash: SHA256(SHA256(tag) || SHA256(tag) || data). The tag separates domains so a hash
/// computed for one purpose can never be replayed as another.
/// </summary>
internal sealed class TaggedHash
{
    public static readonly TaggedHash CommitmentValue = new("Paraloom/commitment-value/v1");
    public static readonly TaggedHash OwnershipNonce = new("Paraloom/ownership-nonce/v1");
    public static readonly TaggedHash OwnershipChallenge = new("Paraloom/ownership-challenge/v1");
    public static readonly TaggedHash NoteData = new("paraloom/note-data/v1");
    public static readonly TaggedHash NoteSumChallenge = new("paraloom/note-sum/v1");

    private readonly byte[] _prefix;

    private TaggedHash(string tag)
    {
        byte[] tagHash = SHA256.HashData(Encoding.UTF8.GetBytes(tag));
        _prefix = [.. tagHash, .. tagHash];
    }

    /// <summary>Starts a hash already primed with the tag; append the data and finish with GetHashAndReset.</summary>
    public IncrementalHash Begin()
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(_prefix);
        return hash;
    }

    public byte[] Compute(ReadOnlySpan<byte> data)
    {
        using IncrementalHash hash = Begin();
        hash.AppendData(data);
        return hash.GetHashAndReset();
    }
}
