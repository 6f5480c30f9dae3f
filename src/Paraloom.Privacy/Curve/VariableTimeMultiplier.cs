namespace Paraloom.Privacy.Curve;

/// <summary>
/// g·G + h·H + Σ kᵢ·Pᵢ for PUBLIC scalars and points only (verification): every scalar is split with the GLV
/// endomorphism into two halves of about 128 bits, recoded to width-w NAF, and all halves share one chain
/// of about 128 doublings (Strauss–Shamir interleaving). G and H use their cached affine tables of odd
/// multiples, and so does a Pᵢ that comes with one (a public key in repeated use); any other Pᵢ gets a small
/// Jacobian table built per call. Jacobian coordinates (cheapest doublings); branches and table indices
/// depend on the data: variable time.
/// </summary>
internal static class VariableTimeMultiplier
{
    private const int PointWindow = 5;
    private const int PointTableSize = 1 << (PointWindow - 2);
    private const int StackPoints = 2;

    /// <summary>
    /// The sum; a zero h (Schnorr verification) leaves H out entirely. <paramref name="cachedTables"/> is
    /// empty or has, per point, its precomputed table or null.
    /// </summary>
    public static JacobianPoint Multiply(
        in Scalar g, in Scalar h, ReadOnlySpan<Scalar> scalars, ReadOnlySpan<AffinePoint> points,
        ReadOnlySpan<OddMultiplesTable?> cachedTables = default)
    {
        if (scalars.Length != points.Length) throw new ArgumentException("One scalar per point.", nameof(scalars));
        if (!cachedTables.IsEmpty && cachedTables.Length != points.Length)
            throw new ArgumentException("No cached tables, or one entry per point.", nameof(cachedTables));
        int count = points.Length;
        int halves = 2 * count;
        Span<sbyte> pointDigits = count <= StackPoints
            ? stackalloc sbyte[2 * StackPoints * Wnaf.MaxDigits]
            : new sbyte[halves * Wnaf.MaxDigits];
        Span<JacobianPoint> pointTables = count <= StackPoints
            ? stackalloc JacobianPoint[2 * StackPoints * PointTableSize]
            : new JacobianPoint[halves * PointTableSize];

        int length = 0;
        for (int i = 0; i < count; i++)
        {
            OddMultiplesTable? cached = cachedTables.IsEmpty ? null : cachedTables[i];
            int window = cached?.Window ?? PointWindow;
            length = Math.Max(length, EncodeHalves(scalars[i], window, pointDigits.Slice(2 * i * Wnaf.MaxDigits, 2 * Wnaf.MaxDigits)));
            if (cached is null) FillOddMultiples(points[i], pointTables.Slice(2 * i * PointTableSize, 2 * PointTableSize));
        }

        OddMultiplesTable gTable = Generators.GMultiples;
        Span<sbyte> gDigits = stackalloc sbyte[2 * Wnaf.MaxDigits];
        length = Math.Max(length, EncodeHalves(g, gTable.Window, gDigits));

        OddMultiplesTable? hTable = h.IsZero ? null : Generators.HMultiples;
        Span<sbyte> hDigits = stackalloc sbyte[2 * Wnaf.MaxDigits];
        if (hTable is not null) length = Math.Max(length, EncodeHalves(h, hTable.Window, hDigits));

        JacobianPoint sum = JacobianPoint.Infinity;
        for (int position = length - 1; position >= 0; position--)
        {
            if (!sum.IsInfinity) sum = sum.Double();
            AddFixed(ref sum, gTable, gDigits, position);
            if (hTable is not null) AddFixed(ref sum, hTable, hDigits, position);
            for (int half = 0; half < halves; half++)
            {
                int digit = pointDigits[half * Wnaf.MaxDigits + position];
                if (digit == 0) continue;
                OddMultiplesTable? cached = cachedTables.IsEmpty ? null : cachedTables[half >> 1];
                if (cached is not null)
                {
                    sum = sum.Add(cached.Lookup(digit, endomorphism: (half & 1) == 1));
                    continue;
                }
                JacobianPoint entry = pointTables[half * PointTableSize + (Math.Abs(digit) >> 1)];
                sum = sum.Add(digit > 0 ? entry : entry.Negate());
            }
        }
        return sum;
    }

    private static void AddFixed(ref JacobianPoint sum, OddMultiplesTable table, ReadOnlySpan<sbyte> digits, int position)
    {
        int first = digits[position];
        if (first != 0) sum = sum.Add(table.Lookup(first, endomorphism: false));
        int second = digits[Wnaf.MaxDigits + position];
        if (second != 0) sum = sum.Add(table.Lookup(second, endomorphism: true));
    }

    /// <summary>k = k1 + k2·λ, each half recoded into its own run of <see cref="Wnaf.MaxDigits"/> digits.</summary>
    private static int EncodeHalves(in Scalar k, int window, Span<sbyte> digits)
    {
        Glv.Split(k, out Scalar k1, out Scalar k2);
        if (!k1.TryGetSmallSigned(out UInt128 m1, out bool negative1) || !k2.TryGetSmallSigned(out UInt128 m2, out bool negative2))
            throw new InvalidOperationException("A GLV half exceeded 128 bits, which the split's bounds rule out.");
        int length1 = Wnaf.Encode(m1, negative1, window, digits[..Wnaf.MaxDigits]);
        int length2 = Wnaf.Encode(m2, negative2, window, digits[Wnaf.MaxDigits..]);
        return Math.Max(length1, length2);
    }

    /// <summary>table[i] = (2i + 1)·P and table[size + i] = λ·(2i + 1)·P.</summary>
    private static void FillOddMultiples(in AffinePoint point, Span<JacobianPoint> table)
    {
        var first = new JacobianPoint(point);
        JacobianPoint twice = first.Double();
        table[0] = first;
        for (int i = 1; i < PointTableSize; i++) table[i] = table[i - 1].Add(twice);
        for (int i = 0; i < PointTableSize; i++) table[PointTableSize + i] = table[i].ApplyEndomorphism();
    }
}
