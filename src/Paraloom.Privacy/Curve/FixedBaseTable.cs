namespace Paraloom.Privacy.Curve;

/// <summary>
/// Constant-time k·B for one fixed base point and secret scalars, without doublings: 64 windows of 4 bits,
/// window i holding the affine points d·16^i·B for d = 1..15. Each window's digit selects its entry by
/// scanning all 15 with masked selects (the memory access pattern does not depend on it), the entry is
/// added with the complete mixed formula, and a masked select drops the sum when the digit is zero.
/// </summary>
internal sealed class FixedBaseTable
{
    private const int WindowBits = 4;
    private const int EntriesPerWindow = (1 << WindowBits) - 1;
    private const int WindowCount = Scalar.Size * 8 / WindowBits;

    /// <summary>Windows needed for a 64-bit scalar (an amount): its length is public, its digits are not.</summary>
    public const int WindowsFor64Bits = 64 / WindowBits;

    // _entries[window * 15 + d − 1] = d·16^window·B.
    private readonly AffinePoint[] _entries;

    public FixedBaseTable(in AffinePoint basePoint)
    {
        var projective = new ProjectivePoint[WindowCount * EntriesPerWindow];
        var windowBase = new ProjectivePoint(basePoint);
        for (int window = 0; window < WindowCount; window++)
        {
            int first = window * EntriesPerWindow;
            projective[first] = windowBase;
            for (int d = 1; d < EntriesPerWindow; d++) projective[first + d] = projective[first + d - 1] + windowBase;
            windowBase = projective[first + EntriesPerWindow - 1] + windowBase;
        }
        _entries = new AffinePoint[projective.Length];
        Normalization.ToAffine(projective, _entries);
    }

    /// <summary>k·B using the low <paramref name="windows"/> nibbles of k (all 64 unless k is known to be short).</summary>
    public ProjectivePoint Multiply(in Scalar k, int windows = WindowCount)
    {
        ReadOnlySpan<AffinePoint> entries = _entries;
        ProjectivePoint sum = ProjectivePoint.Infinity;
        for (int window = 0; window < windows; window++)
        {
            int digit = k.Nibble(window);
            ReadOnlySpan<AffinePoint> row = entries.Slice(window * EntriesPerWindow, EntriesPerWindow);
            AffinePoint entry = row[0];
            for (int d = 2; d <= EntriesPerWindow; d++) entry = AffinePoint.Select(Masks.Equal(d, digit), row[d - 1], entry);
            sum = ProjectivePoint.Select(Masks.Equal(digit, 0), sum, sum + entry);
        }
        return sum;
    }
}
