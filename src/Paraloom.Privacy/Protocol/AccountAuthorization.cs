using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Privacy.Protocol;

/// <summary>
/// What an account's owner signs to read it: the BIP-340 tagged hash
/// <c>TaggedHash("paraloom/account-read/v1", len(account key):u16be ‖ account key ‖ challenge)</c>, the key as the URL names
/// it (a requester's public key in hex, or a validator's id). Its own tag, so a result fetch's signature never reads an
/// account nor the reverse; the service's fresh challenge makes it single-use.
/// </summary>
public static class AccountAuthorization
{
    private static readonly byte[] TagHash = SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/account-read/v1"));

    public static byte[] Message(string accountKey, ReadOnlySpan<byte> challenge)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        var key = Encoding.UTF8.GetBytes(accountKey);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(TagHash);
        hash.AppendData(TagHash);
        Span<byte> length = stackalloc byte[sizeof(ushort)];
        BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)key.Length));
        hash.AppendData(length);
        hash.AppendData(key);
        hash.AppendData(challenge);
        return hash.GetHashAndReset();
    }

    /// <summary>The owner's signature authorising it to read the account <paramref name="accountKey"/>.</summary>
    public static SchnorrSignature Sign(SecretKey owner, string accountKey, ReadOnlySpan<byte> challenge)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return owner.Sign(Message(accountKey, challenge));
    }

    /// <summary>Whether <paramref name="signature"/> is <paramref name="owner"/>'s over this account and challenge.</summary>
    public static bool Verify(PublicKey owner, string accountKey, ReadOnlySpan<byte> challenge, SchnorrSignature signature)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(signature);
        return owner.Verify(Message(accountKey, challenge), signature);
    }
}
