using System.Security.Cryptography;
using Paraloom.Privacy.Native;

namespace Paraloom.Privacy;

/// <summary>
/// A BIP-340 x-only public key: the 32-byte x coordinate of the point with even y. Parsing checks the point
/// is on the curve, so every instance is valid.
/// </summary>
public sealed unsafe class PublicKey : IEquatable<PublicKey>
{
    public const int Size = CurvePoint.XOnlySize;

    /// <summary>The size of libsecp256k1's parsed secp256k1_xonly_pubkey.</summary>
    internal const int ParsedSize = 64;

    private readonly byte[] _bytes;
    private readonly byte[] _parsed;

    private PublicKey(byte[] bytes, byte[] parsed)
    {
        _bytes = bytes;
        _parsed = parsed;
    }

    /// <summary>
    /// The even-y curve point, lifted on each use: only ownership proofs need it, and a lift costs a few
    /// per cent of the proof, against 64 bytes kept with every key that only ever verifies signatures.
    /// </summary>
    internal CurvePoint Point =>
        CurvePoint.TryLiftX(_bytes, out CurvePoint point) ? point : throw new InvalidOperationException("A parsed x-only key always lifts.");

    public static PublicKey FromBytes(ReadOnlySpan<byte> xOnly)
    {
        if (xOnly.Length != Size) throw new InvalidEncodingException("A public key is 32 bytes (BIP-340 x-only).");
        var parsed = new byte[ParsedSize];
        fixed (byte* p = parsed)
        fixed (byte* x = xOnly)
        {
            if (LibSecp256k1.XonlyPubkeyParse(Secp256k1Context.Handle, p, x) != 1)
                throw new InvalidEncodingException("The public key is not the x coordinate of a secp256k1 point.");
        }
        return new PublicKey(xOnly.ToArray(), parsed);
    }

    public static PublicKey FromHex(string hex) => FromBytes(Hex.Decode(hex, Size, "public key"));

    /// <summary>The key of a secp256k1_xonly_pubkey that libsecp256k1 produced.</summary>
    internal static PublicKey FromParsed(ReadOnlySpan<byte> parsed)
    {
        var bytes = new byte[Size];
        fixed (byte* output = bytes)
        fixed (byte* p = parsed)
        {
            LibSecp256k1.XonlyPubkeySerialize(Secp256k1Context.Handle, output, p);
        }
        return new PublicKey(bytes, parsed.ToArray());
    }

    public byte[] ToBytes() => (byte[])_bytes.Clone();

    internal ReadOnlySpan<byte> AsSpan() => _bytes;

    /// <summary>libsecp256k1's secp256k1_xonly_pubkey, which BIP-340 verification takes.</summary>
    internal ReadOnlySpan<byte> Parsed => _parsed;

    public string ToHex() => Hex.Encode(_bytes);

    /// <inheritdoc cref="SchnorrSignature.Verify(PublicKey, ReadOnlySpan{byte}, SchnorrSignature)"/>
    public bool Verify(ReadOnlySpan<byte> message, SchnorrSignature signature) =>
        SchnorrSignature.Verify(this, message, signature);

    public bool Equals(PublicKey? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    public override string ToString() => ToHex();
}
