namespace Paraloom.Privacy.Curve;

/// <summary>
/// k·P for a secret scalar and a variable point (ECDH). k is split with the GLV endomorphism into
/// k1 + k2·λ with |k1|, |k2| &lt; 2^128, so 32 windows of 4 bits cover both halves with one shared chain of
/// doublings. Each window does four doublings and two complete additions whatever the digits, the entries
/// 0·P … 15·P (and their λ images) selected by a masked scan of the whole table and negated by a masked
/// select for a negative half. No branch or memory index depends on k.
/// </summary>
internal static class ConstantTimeMultiplier
{
    private const int WindowBits = 4;
    private const int TableSize = 1 << WindowBits;
    private const int WindowCount = 128 / WindowBits;

    public static ProjectivePoint Multiply(in Scalar k, in AffinePoint point)
    {
        Span<ProjectivePoint> table = stackalloc ProjectivePoint[TableSize];
        Span<ProjectivePoint> lambdaTable = stackalloc ProjectivePoint[TableSize];
        table[0] = ProjectivePoint.Infinity;
        table[1] = new ProjectivePoint(point);
        for (int i = 2; i < TableSize; i++) table[i] = table[i - 1] + table[1];
        for (int i = 0; i < TableSize; i++) lambdaTable[i] = table[i].ApplyEndomorphism();

        Glv.Split(k, out Scalar k1, out Scalar k2);
        Scalar magnitude1 = k1.AbsoluteOfSmall(out ulong negative1);
        Scalar magnitude2 = k2.AbsoluteOfSmall(out ulong negative2);

        ProjectivePoint sum = ProjectivePoint.Infinity;
        for (int window = WindowCount - 1; window >= 0; window--)
        {
            for (int i = 0; i < WindowBits; i++) sum = sum.Double();
            sum += Lookup(table, magnitude1.Nibble(window), negative1);
            sum += Lookup(lambdaTable, magnitude2.Nibble(window), negative2);
        }
        return sum;
    }

    private static ProjectivePoint Lookup(ReadOnlySpan<ProjectivePoint> table, int digit, ulong negativeMask)
    {
        ProjectivePoint entry = table[0];
        for (int i = 1; i < TableSize; i++) entry = ProjectivePoint.Select(Masks.Equal(i, digit), table[i], entry);
        return ProjectivePoint.Select(negativeMask, entry.Negate(), entry);
    }
}
