namespace Paraloom.Privacy.Curve;

/// <summary>
/// The BIP-340 and SEC1 encodings every primitive shares: 32-byte x-only points, even-y lifting, 33-byte
/// compressed points, 32-byte big-endian scalars.
/// </summary>
internal static class Secp256k1
{
    public const int ScalarSize = Scalar.Size;
    public const int XOnlySize = FieldElement.Size;
    public const int CompressedSize = 1 + FieldElement.Size;

    /// <summary>BIP-340 lift_x: the point with this x coordinate and even y; false when there is none.</summary>
    public static bool TryLiftX(ReadOnlySpan<byte> x, out AffinePoint point)
    {
        point = default;
        return x.Length == XOnlySize
            && FieldElement.TryRead(x, out FieldElement xElement)
            && AffinePoint.TryLiftX(xElement, out point);
    }

    /// <summary>Decodes a 33-byte SEC1 compressed point; false for off-curve or malformed input (the identity has no such encoding).</summary>
    public static bool TryDecodeCompressed(ReadOnlySpan<byte> encoded, out AffinePoint point)
    {
        point = default;
        if (encoded.Length != CompressedSize || (encoded[0] != 0x02 && encoded[0] != 0x03)) return false;
        if (!TryLiftX(encoded[1..], out AffinePoint even)) return false;
        point = encoded[0] == 0x02 ? even : even.Negate();
        return true;
    }

    public static void WriteCompressed(in AffinePoint point, Span<byte> destination)
    {
        destination[0] = point.HasEvenY ? (byte)0x02 : (byte)0x03;
        point.X.Write(destination[1..]);
    }

    public static void WriteXOnly(in AffinePoint point, Span<byte> destination) => point.X.Write(destination);
}
