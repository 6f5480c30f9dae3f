namespace Paraloom.Privacy.Curve;

/// <summary>
/// Affine odd multiples 1·B, 3·B, …, (2^(w−1) − 1)·B of a fixed base point and their images under the GLV
/// endomorphism, for the width-w NAF digits of public scalars. Lookups index by the digit: variable time.
/// </summary>
internal sealed class OddMultiplesTable
{
    private readonly AffinePoint[] _multiples;
    private readonly AffinePoint[] _endomorphismMultiples;

    public OddMultiplesTable(in AffinePoint basePoint, int window)
    {
        Window = window;
        var projective = new ProjectivePoint[1 << (window - 2)];
        var basePointProjective = new ProjectivePoint(basePoint);
        ProjectivePoint twice = basePointProjective.Double();
        projective[0] = basePointProjective;
        for (int i = 1; i < projective.Length; i++) projective[i] = projective[i - 1] + twice;
        _multiples = new AffinePoint[projective.Length];
        Normalization.ToAffine(projective, _multiples);
        _endomorphismMultiples = Array.ConvertAll(_multiples, p => new AffinePoint(p.X * Glv.Beta, p.Y));
    }

    /// <summary>The NAF width w the table serves: digits are odd with |digit| &lt; 2^(w−1).</summary>
    public int Window { get; }

    /// <summary>digit·B, or digit·λ·B for the second GLV half.</summary>
    public AffinePoint Lookup(int digit, bool endomorphism)
    {
        AffinePoint[] table = endomorphism ? _endomorphismMultiples : _multiples;
        return digit > 0 ? table[digit >> 1] : table[-digit >> 1].Negate();
    }
}
