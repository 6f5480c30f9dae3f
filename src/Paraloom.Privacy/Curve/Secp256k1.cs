using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Paraloom.Privacy.Curve;

/// <summary>
/// The secp256k1 group on BouncyCastle's specialised field arithmetic, plus the BIP-340 encodings
/// (32-byte x-only points, even-y lifting, 32-byte big-endian scalars) every primitive shares.
/// </summary>
internal static class Secp256k1
{
    public const int ScalarSize = 32;
    public const int XOnlySize = 32;
    public const int CompressedSize = 33;

    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static ECCurve Curve { get; } = Parameters.Curve;

    // Always this instance: BouncyCastle caches multiplication tables on the point object itself.
    public static ECPoint G { get; } = Parameters.G.Normalize();

    public static BigInteger N { get; } = Parameters.N;

    public static BigInteger FieldPrime { get; } = Curve.Field.Characteristic;

    /// <summary>BIP-340 lift_x: the point with this x coordinate and even y, or null when there is none.</summary>
    public static ECPoint? TryLiftX(ReadOnlySpan<byte> x)
    {
        if (x.Length != XOnlySize) return null;
        var xValue = new BigInteger(1, x.ToArray());
        if (xValue.CompareTo(FieldPrime) >= 0) return null;

        ECFieldElement xElement = Curve.FromBigInteger(xValue);
        ECFieldElement? y = xElement.Square().Multiply(xElement).Add(Curve.B).Sqrt();
        if (y is null) return null;
        if (y.TestBitZero()) y = y.Negate();
        return Curve.CreatePoint(xValue, y.ToBigInteger());
    }

    /// <summary>Decodes a 33-byte SEC1 compressed point; null for the identity, off-curve or malformed input.</summary>
    public static ECPoint? TryDecodeCompressed(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != CompressedSize || (encoded[0] != 0x02 && encoded[0] != 0x03)) return null;
        ECPoint? even = TryLiftX(encoded[1..]);
        if (even is null) return null;
        return encoded[0] == 0x02 ? even : even.Negate().Normalize();
    }

    public static void WriteCompressed(ECPoint normalized, Span<byte> destination)
    {
        destination[0] = HasEvenY(normalized) ? (byte)0x02 : (byte)0x03;
        WriteXOnly(normalized, destination[1..]);
    }

    public static void WriteXOnly(ECPoint normalized, Span<byte> destination) =>
        WriteScalar(normalized.AffineXCoord.ToBigInteger(), destination);

    public static bool HasEvenY(ECPoint normalized) => !normalized.AffineYCoord.TestBitZero();

    /// <summary>Reads a 32-byte big-endian integer without reducing it.</summary>
    public static BigInteger ReadUnsigned(ReadOnlySpan<byte> bytes) => new(1, bytes.ToArray());

    /// <summary>Reads a 32-byte big-endian scalar; null unless it is below the group order.</summary>
    public static BigInteger? TryReadScalar(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != ScalarSize) return null;
        BigInteger value = ReadUnsigned(bytes);
        return value.CompareTo(N) < 0 ? value : null;
    }

    /// <summary>Reads 32 bytes as an integer reduced modulo the group order (hash outputs).</summary>
    public static BigInteger ReduceScalar(ReadOnlySpan<byte> bytes) => ReadUnsigned(bytes).Mod(N);

    public static void WriteScalar(BigInteger value, Span<byte> destination)
    {
        byte[] magnitude = value.ToByteArrayUnsigned();
        destination[..ScalarSize].Clear();
        magnitude.CopyTo(destination[(ScalarSize - magnitude.Length)..]);
    }

    public static byte[] ScalarBytes(BigInteger value)
    {
        var bytes = new byte[ScalarSize];
        WriteScalar(value, bytes);
        return bytes;
    }

    public static BigInteger Negate(BigInteger scalar) => N.Subtract(scalar).Mod(N);
}
