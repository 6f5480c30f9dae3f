namespace Paraloom.Privacy.Curve;

/// <summary>
/// A point in Jacobian coordinates (X, Y, Z), x = X/Z², y = Y/Z³, infinity when Z = 0: the cheapest
/// doubling for a = 0 (1M + 5S), used where the data is PUBLIC. The additions test for the doubling and
/// inverse cases and branch on them, so their timing depends on the points: never use them with secrets
/// (<see cref="ProjectivePoint"/> has the complete, constant-time formulas).
/// </summary>
internal readonly struct JacobianPoint
{
    public JacobianPoint(in FieldElement x, in FieldElement y, in FieldElement z)
    {
        X = x;
        Y = y;
        Z = z;
    }

    public JacobianPoint(in AffinePoint point) : this(point.X, point.Y, FieldElement.One)
    {
    }

    public static JacobianPoint Infinity => new(FieldElement.One, FieldElement.One, FieldElement.Zero);

    public FieldElement X { get; }

    public FieldElement Y { get; }

    public FieldElement Z { get; }

    public bool IsInfinity => Z.IsZero;

    /// <summary>The affine form through a variable-time inversion; false for the point at infinity.</summary>
    public bool TryToAffine(out AffinePoint affine)
    {
        affine = default;
        if (IsInfinity) return false;
        FieldElement zInverse = Z.InvertVariableTime();
        FieldElement zInverse2 = zInverse.Square();
        affine = new AffinePoint(X * zInverse2, Y * zInverse2 * zInverse);
        return true;
    }

    /// <summary>
    /// 2·P with the slope halved, as libsecp256k1 doubles (3M + 4S and few additions): with L = 3x²/2 and
    /// S = y², X3 = L² − 2xS, Y3 = L·(xS − X3) − S², Z3 = y·z.
    /// </summary>
    public JacobianPoint Double()
    {
        FieldElement s = Y.Square();
        FieldElement l = X.Square().MultiplySmall(3).Halve();
        FieldElement t = -(s * X);
        FieldElement x3 = l.Square() + t + t;
        FieldElement y3 = -(l * (x3 + t) + s.Square());
        return new JacobianPoint(x3, y3, Y * Z);
    }

    /// <summary>P + Q for an affine Q (8M + 3S); variable time.</summary>
    public JacobianPoint Add(in AffinePoint q)
    {
        if (IsInfinity) return new JacobianPoint(q);
        FieldElement z1z1 = Z.Square();
        FieldElement h = q.X * z1z1 - X;
        FieldElement r = q.Y * Z * z1z1 - Y;
        return Finish(h, r, X, Y, Z);
    }

    /// <summary>P + Q (12M + 4S); variable time.</summary>
    public JacobianPoint Add(in JacobianPoint q)
    {
        if (IsInfinity) return q;
        if (q.IsInfinity) return this;
        FieldElement z1z1 = Z.Square();
        FieldElement z2z2 = q.Z.Square();
        FieldElement u1 = X * z2z2;
        FieldElement s1 = Y * q.Z * z2z2;
        FieldElement h = q.X * z1z1 - u1;
        FieldElement r = q.Y * Z * z1z1 - s1;
        return Finish(h, r, u1, s1, Z * q.Z);
    }

    public JacobianPoint Negate() => new(X, -Y, Z);

    /// <summary>The GLV endomorphism (x, y) ↦ (β·x, y), which equals multiplication by λ.</summary>
    public JacobianPoint ApplyEndomorphism() => new(X * Glv.Beta, Y, Z);

    public override string ToString() => "JacobianPoint";

    /// <summary>
    /// With U1, S1 the first point's x·Z2², y·Z2³ and h = U2 − U1, r = S2 − S1: h = 0 means equal x, so the
    /// sum is a doubling (r = 0) or the identity (the points are each other's negation).
    /// </summary>
    private JacobianPoint Finish(in FieldElement h, in FieldElement r, in FieldElement u1, in FieldElement s1, in FieldElement z1z2)
    {
        if (h.IsZero) return r.IsZero ? Double() : Infinity;
        FieldElement hh = h.Square();
        FieldElement hhh = h * hh;
        FieldElement v = u1 * hh;
        FieldElement x3 = r.Square() - hhh - (v + v);
        FieldElement y3 = r * (v - x3) - s1 * hhh;
        return new JacobianPoint(x3, y3, z1z2 * h);
    }
}
