namespace Paraloom.Privacy.Curve;

/// <summary>
/// k·P for a secret scalar and a variable point (ECDH): fixed 4-bit windows from the top, four doublings
/// and one complete addition per window whatever the digit, the table entry 0·P … 15·P selected by a
/// masked scan of all sixteen. No branch or memory index depends on k.
/// </summary>
internal static class ConstantTimeMultiplier
{
    private const int WindowBits = 4;
    private const int TableSize = 1 << WindowBits;
    private const int WindowCount = Scalar.Size * 8 / WindowBits;

    public static ProjectivePoint Multiply(in Scalar k, in AffinePoint point)
    {
        Span<ProjectivePoint> table = stackalloc ProjectivePoint[TableSize];
        table[0] = ProjectivePoint.Infinity;
        table[1] = new ProjectivePoint(point);
        for (int i = 2; i < TableSize; i++) table[i] = table[i - 1] + table[1];

        ProjectivePoint sum = ProjectivePoint.Infinity;
        for (int window = WindowCount - 1; window >= 0; window--)
        {
            for (int i = 0; i < WindowBits; i++) sum = sum.Double();
            int digit = k.Nibble(window);
            ProjectivePoint entry = table[0];
            for (int i = 1; i < TableSize; i++) entry = ProjectivePoint.Select(Masks.Equal(i, digit), table[i], entry);
            sum += entry;
        }
        return sum;
    }
}
