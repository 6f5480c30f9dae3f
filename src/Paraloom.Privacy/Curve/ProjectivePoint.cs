using System.Runtime.CompilerServices;

namespace Paraloom.Privacy.Curve;

/// <summary>
/// A point of secp256k1 in homogeneous projective coordinates (X : Y : Z), x = X/Z, y = Y/Z, with the point
/// at infinity (0 : 1 : 0). Addition and doubling are the complete formulas of Renes, Costello and Batina
/// (2016, algorithms 7–9 for a = 0): one straight-line sequence valid for every input — the identity,
/// P + P, P + (−P) — so they take the same time whatever the points are, and no caller has special cases.
/// </summary>
internal readonly struct ProjectivePoint
{
    /// <summary>3·b for y² = x³ + 7.</summary>
    private const uint B3 = 21;

    public ProjectivePoint(in FieldElement x, in FieldElement y, in FieldElement z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public ProjectivePoint(in AffinePoint point) : this(point.X, point.Y, FieldElement.One)
    {
    }

    public static ProjectivePoint Infinity => new(FieldElement.Zero, FieldElement.One, FieldElement.Zero);

    public FieldElement X { get; }

    public FieldElement Y { get; }

    public FieldElement Z { get; }

    public bool IsInfinity => Z.IsZero;

    public ProjectivePoint Negate() => new(X, -Y, Z);

    /// <summary>The GLV endomorphism (x, y) ↦ (β·x, y), which equals multiplication by λ.</summary>
    public ProjectivePoint ApplyEndomorphism() => new(X * Glv.Beta, Y, Z);

    /// <summary>The affine form; false for the point at infinity.</summary>
    public bool TryToAffine(out AffinePoint affine)
    {
        FieldElement inverse = Z.Invert();
        affine = new AffinePoint(X * inverse, Y * inverse);
        return !IsInfinity;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ProjectivePoint operator +(in ProjectivePoint p, in ProjectivePoint q)
    {
        FieldElement t0 = p.X * q.X;
        FieldElement t1 = p.Y * q.Y;
        FieldElement t2 = p.Z * q.Z;
        FieldElement t3 = (p.X + p.Y) * (q.X + q.Y) - (t0 + t1);
        FieldElement t4 = (p.Y + p.Z) * (q.Y + q.Z) - (t1 + t2);
        FieldElement y3 = (p.X + p.Z) * (q.X + q.Z) - (t0 + t2);
        return Finish(t0, t1, t2, t3, t4, y3);
    }

    /// <summary>Mixed addition with an affine point (algorithm 8): three multiplications fewer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ProjectivePoint operator +(in ProjectivePoint p, in AffinePoint q)
    {
        FieldElement t0 = p.X * q.X;
        FieldElement t1 = p.Y * q.Y;
        FieldElement t3 = (q.X + q.Y) * (p.X + p.Y) - (t0 + t1);
        FieldElement t4 = q.Y * p.Z + p.Y;
        FieldElement y3 = q.X * p.Z + p.X;
        return Finish(t0, t1, p.Z, t3, t4, y3);
    }

    /// <summary>
    /// The tail shared by both additions. In: t0 = X1X2, t1 = Y1Y2, t2 = Z1Z2, t3 = X1Y2 + X2Y1,
    /// t4 = Y1Z2 + Y2Z1, y3 = X1Z2 + X2Z1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ProjectivePoint Finish(in FieldElement x1x2, in FieldElement t1, in FieldElement z1z2, in FieldElement t3, in FieldElement t4, in FieldElement xz)
    {
        FieldElement t0 = x1x2.MultiplySmall(3);
        FieldElement t2 = z1z2.MultiplySmall(B3);
        FieldElement z3 = t1 + t2;
        FieldElement t1m = t1 - t2;
        FieldElement y3 = xz.MultiplySmall(B3);
        FieldElement x3 = t3 * t1m - t4 * y3;
        y3 = y3 * t0 + t1m * z3;
        z3 = z3 * t4 + t0 * t3;
        return new ProjectivePoint(x3, y3, z3);
    }

    /// <summary>2·P (algorithm 9).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ProjectivePoint Double()
    {
        FieldElement t0 = Y.Square();
        FieldElement z3 = t0.MultiplySmall(8);
        FieldElement t1 = Y * Z;
        FieldElement t2 = Z.Square().MultiplySmall(B3);
        FieldElement x3 = t2 * z3;
        FieldElement y3 = t0 + t2;
        z3 = t1 * z3;
        t0 -= t2.MultiplySmall(3);
        y3 = t0 * y3 + x3;
        x3 = t0 * (X * Y);
        x3 += x3;
        return new ProjectivePoint(x3, y3, z3);
    }

    /// <summary>Constant time: <paramref name="whenSet"/> where every bit of <paramref name="mask"/> is set, else <paramref name="whenClear"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ProjectivePoint Select(ulong mask, in ProjectivePoint whenSet, in ProjectivePoint whenClear) => new(
        FieldElement.Select(mask, whenSet.X, whenClear.X),
        FieldElement.Select(mask, whenSet.Y, whenClear.Y),
        FieldElement.Select(mask, whenSet.Z, whenClear.Z));

    public override string ToString() => "ProjectivePoint";
}
