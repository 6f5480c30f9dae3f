using System.Security.Cryptography;

namespace Paraloom.Privacy;

/// <summary>
/// AES-256-GCM in this library's one envelope layout: version (1) || nonce (12) || tag (16) || ciphertext.
/// Every failure to open, including a short or unknown envelope, is the same
/// <see cref="AuthenticationFailedException"/>.
/// </summary>
internal static class Aead
{
    public const int KeySize = 32;
    public const int NonceSize = 12;
    public const int TagSize = 16;
    public const int Overhead = 1 + NonceSize + TagSize;
    private const byte Version = 1;

    public static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> associatedData)
    {
        var envelope = new byte[Overhead + plaintext.Length];
        envelope[0] = Version;
        nonce.CopyTo(envelope.AsSpan(1, NonceSize));
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, envelope.AsSpan(Overhead), envelope.AsSpan(1 + NonceSize, TagSize), associatedData);
        return envelope;
    }

    /// <summary>The envelope's nonce; call only on envelopes that <see cref="Open"/> accepts.</summary>
    public static ReadOnlySpan<byte> NonceOf(ReadOnlySpan<byte> envelope) => envelope.Slice(1, NonceSize);

    public static byte[] Open(ReadOnlySpan<byte> key, ReadOnlySpan<byte> envelope, ReadOnlySpan<byte> associatedData, string what)
    {
        if (envelope.Length < Overhead || envelope[0] != Version) throw new AuthenticationFailedException(what);
        var plaintext = new byte[envelope.Length - Overhead];
        try
        {
            using var aes = new AesGcm(key, TagSize);
            aes.Decrypt(envelope.Slice(1, NonceSize), envelope[Overhead..], envelope.Slice(1 + NonceSize, TagSize), plaintext, associatedData);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            throw new AuthenticationFailedException(what);
        }
    }
}
