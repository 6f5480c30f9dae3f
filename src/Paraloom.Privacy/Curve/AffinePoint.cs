namespace Paraloom.Privacy.Curve;

/// <summary>
/// A finite point (x, y) of secp256k1, on the curve by construction: it is made only by lifting an x
/// coordinate, by normalising a projective point, or from the curve constants. The point at infinity has
/// no affine form; operations that can produce it return a <see cref="ProjectivePoint"/> or say so.
/// </summary>
internal readonly struct AffinePoint : IEquatable<AffinePoint>
{
    public AffinePoint(in FieldElement x, in FieldElement y)
    {
        X = x;
        Y = y;
    }

    public FieldElement X { get; }

    public FieldElement Y { get; }

    public bool HasEvenY => !Y.IsOdd;

    public AffinePoint Negate() => new(X, -Y);

    /// <summary>BIP-340 lift_x: the point with this x coordinate and even y; false when there is none.</summary>
    public static bool TryLiftX(in FieldElement x, out AffinePoint point)
    {
        FieldElement ySquared = x.Square() * x + FieldElement.B;
        if (!ySquared.TrySqrt(out FieldElement y))
        {
            point = default;
            return false;
        }
        point = new AffinePoint(x, y.IsOdd ? -y : y);
        return true;
    }

    /// <summary>Constant time: <paramref name="whenSet"/> where every bit of <paramref name="mask"/> is set, else <paramref name="whenClear"/>.</summary>
    public static AffinePoint Select(ulong mask, in AffinePoint whenSet, in AffinePoint whenClear) =>
        new(FieldElement.Select(mask, whenSet.X, whenClear.X), FieldElement.Select(mask, whenSet.Y, whenClear.Y));

    public bool Equals(AffinePoint other) => X.Equals(other.X) && Y.Equals(other.Y);

    public override bool Equals(object? obj) => obj is AffinePoint other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(X, Y);

    public override string ToString() => "AffinePoint";
}
