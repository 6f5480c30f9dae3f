using System.Security.Cryptography;
using Paraloom.Privacy.Native;

namespace Paraloom.Privacy;

/// <summary>
/// A 64-byte BIP-340 Schnorr signature over secp256k1 (validator votes, requester authorisations), made and
/// checked by libsecp256k1's schnorrsig module. Messages may be any length, as BIP-340 allows.
/// </summary>
public sealed unsafe class SchnorrSignature
{
    public const int Size = 64;
    private const int AuxSize = 32;

    private readonly byte[] _bytes;

    private SchnorrSignature(byte[] bytes) => _bytes = bytes;

    /// <summary>
    /// Parses 64 bytes. Only the length is checked here: BIP-340 defines out-of-range halves as
    /// signatures that fail verification, and <see cref="Verify"/> rejects them.
    /// </summary>
    public static SchnorrSignature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new InvalidEncodingException("A Schnorr signature is 64 bytes.");
        return new SchnorrSignature(bytes.ToArray());
    }

    public static SchnorrSignature FromHex(string hex) => new(Hex.Decode(hex, Size, "Schnorr signature"));

    public byte[] ToBytes() => (byte[])_bytes.Clone();

    public string ToHex() => Hex.Encode(_bytes);

    public override string ToString() => ToHex();

    /// <summary>Signs with fresh auxiliary randomness from the CSPRNG, as BIP-340 recommends.</summary>
    public static SchnorrSignature Sign(SecretKey key, ReadOnlySpan<byte> message)
    {
        Span<byte> aux = stackalloc byte[AuxSize];
        RandomNumberGenerator.Fill(aux);
        return Sign(key, message, aux);
    }

    /// <summary>BIP-340 signing with caller-chosen auxiliary data: only for test vectors.</summary>
    internal static SchnorrSignature Sign(SecretKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> aux)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (aux.Length != AuxSize) throw new ArgumentException("BIP-340 auxiliary data is 32 bytes.", nameof(aux));

        var signature = new byte[Size];
        fixed (byte* output = signature)
        fixed (byte* m = message)
        fixed (byte* keypair = key.Keypair)
        fixed (byte* a = aux)
        {
            var extraParams = LibSecp256k1.SchnorrsigExtraParams.WithAuxRand(a);
            if (LibSecp256k1.SchnorrsigSignCustom(Secp256k1Context.Handle, output, m, (nuint)message.Length, keypair, &extraParams) != 1)
                throw new CryptographicException("BIP-340 signing failed.");
        }
        return new SchnorrSignature(signature);
    }

    /// <summary>BIP-340 verification. Never throws for a wrong or malformed signature: it returns false.</summary>
    public static bool Verify(PublicKey publicKey, ReadOnlySpan<byte> message, SchnorrSignature signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(signature);
        fixed (byte* s = signature._bytes)
        fixed (byte* m = message)
        fixed (byte* key = publicKey.Parsed)
        {
            return LibSecp256k1.SchnorrsigVerify(Secp256k1Context.Handle, s, m, (nuint)message.Length, key) == 1;
        }
    }

    /// <summary>
    /// True when every signature is valid, false when at least one is not (then verify them one by one to
    /// find it). libsecp256k1 has no batch verification; one at a time, each costs what a single check
    /// costs, and the first invalid one ends the check.
    /// </summary>
    public static bool VerifyBatch(IReadOnlyList<SignedMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        foreach ((PublicKey signer, ReadOnlyMemory<byte> message, SchnorrSignature signature) in batch)
        {
            if (!Verify(signer, message.Span, signature)) return false;
        }
        return true;
    }
}
