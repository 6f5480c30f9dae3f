using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Paraloom.Privacy.Curve;

/// <summary>
/// Precomputed multiples of one fixed base point for k·B without doublings: 64 windows of 4 bits, window i
/// holding d·16^i·B for d = 0..15. Lookups scan the whole window (BouncyCastle's cache-safe table), so the
/// memory access pattern does not depend on the secret digit. Every entry carries an extra offset point U so
/// no entry (not even d = 0) is the identity and the additions never hit their data-dependent special
/// cases; the sum of the offsets is subtracted once at the end.
/// </summary>
internal sealed class FixedBaseTable
{
    private const int WindowBits = 4;
    private const int EntriesPerWindow = 1 << WindowBits;
    private const int WindowCount = Secp256k1.ScalarSize * 8 / WindowBits;

    private readonly ECLookupTable[] _windows = new ECLookupTable[WindowCount];

    // _offsetCorrections[w] = -(w · U): undoes the offsets of the first w windows.
    private readonly ECPoint[] _offsetCorrections = new ECPoint[WindowCount + 1];

    public FixedBaseTable(ECPoint basePoint)
    {
        ECCurve curve = Secp256k1.Curve;
        ECPoint offset = NothingUpMySleevePoint(basePoint);
        ECPoint windowBase = basePoint;
        for (int window = 0; window < WindowCount; window++)
        {
            var entries = new ECPoint[EntriesPerWindow];
            entries[0] = offset;
            for (int digit = 1; digit < EntriesPerWindow; digit++) entries[digit] = entries[digit - 1].Add(windowBase);
            curve.NormalizeAll(entries);
            _windows[window] = curve.CreateCacheSafeLookupTable(entries, 0, EntriesPerWindow);
            for (int i = 0; i < WindowBits; i++) windowBase = windowBase.Twice();
        }

        _offsetCorrections[0] = curve.Infinity;
        ECPoint negatedOffset = offset.Negate();
        for (int w = 1; w <= WindowCount; w++) _offsetCorrections[w] = _offsetCorrections[w - 1].Add(negatedOffset);
        curve.NormalizeAll(_offsetCorrections);
    }

    /// <summary>k·B for a scalar below the group order.</summary>
    public ECPoint Multiply(BigInteger scalar)
    {
        Span<byte> bytes = stackalloc byte[Secp256k1.ScalarSize];
        Secp256k1.WriteScalar(scalar, bytes);
        ECPoint result = Multiply(bytes);
        bytes.Clear();
        return result;
    }

    /// <summary>
    /// k·B for a big-endian scalar of at most 32 bytes. A shorter scalar (a 64-bit amount) uses fewer windows:
    /// its length is public, its digits are not.
    /// </summary>
    public ECPoint Multiply(ReadOnlySpan<byte> bigEndianScalar)
    {
        int windows = bigEndianScalar.Length * 8 / WindowBits;
        ECPoint sum = _offsetCorrections[windows];
        for (int window = 0; window < windows; window++)
        {
            byte pair = bigEndianScalar[bigEndianScalar.Length - 1 - window / 2];
            int digit = (window & 1) == 0 ? pair & 0x0F : pair >> 4;
            sum = sum.Add(_windows[window].Lookup(digit));
        }
        return sum.Normalize();
    }

    private static ECPoint NothingUpMySleevePoint(ECPoint basePoint)
    {
        Span<byte> encodedBase = stackalloc byte[Secp256k1.CompressedSize];
        Secp256k1.WriteCompressed(basePoint, encodedBase);
        byte[] candidate = TaggedHash.FixedBaseOffset.Compute(encodedBase);
        while (true)
        {
            if (Secp256k1.TryLiftX(candidate) is { } point) return point;
            candidate = TaggedHash.FixedBaseOffset.Compute(candidate);
        }
    }
}
