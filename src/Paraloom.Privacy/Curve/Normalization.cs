namespace Paraloom.Privacy.Curve;

/// <summary>
/// Many projective points to affine with one inversion (Montgomery's trick), for building tables of PUBLIC
/// points (multiples of G, H or a public key): the inversion is the variable-time one.
/// </summary>
internal static class Normalization
{
    /// <summary>Every point must be finite.</summary>
    public static void ToAffine(ReadOnlySpan<ProjectivePoint> points, Span<AffinePoint> affine)
    {
        if (affine.Length != points.Length) throw new ArgumentException("One affine slot per point.", nameof(affine));
        // prefix[i] = Z0·…·Zi.
        var prefix = new FieldElement[points.Length];
        FieldElement running = FieldElement.One;
        for (int i = 0; i < points.Length; i++)
        {
            if (points[i].IsInfinity) throw new ArgumentException("The point at infinity has no affine form.", nameof(points));
            running *= points[i].Z;
            prefix[i] = running;
        }
        FieldElement inverse = running.InvertVariableTime();
        for (int i = points.Length - 1; i >= 0; i--)
        {
            FieldElement zInverse = i == 0 ? inverse : inverse * prefix[i - 1];
            inverse *= points[i].Z;
            affine[i] = new AffinePoint(points[i].X * zInverse, points[i].Y * zInverse);
        }
    }
}
