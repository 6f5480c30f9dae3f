using Org.BouncyCastle.Math;
using Paraloom.Privacy.Curve;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Paraloom.Privacy.Tests.Curve;

/// <summary>The complete projective formulas and the encodings, against BouncyCastle, special cases included.</summary>
public class PointTests
{
    [Fact]
    public void Additions_and_doublings_match_the_reference_for_random_points()
    {
        var random = new Random(21);
        var bytes = new byte[32];
        for (int i = 0; i < 300; i++)
        {
            (BcPoint bcP, AffinePoint p) = RandomPoint(random, bytes);
            (BcPoint bcQ, AffinePoint q) = RandomPoint(random, bytes);
            // A non-trivial Z on the left operand, so the projective formulas are exercised in general.
            ProjectivePoint left = Rescale(p, random, bytes);
            Assert.True(Reference.SamePoint(left + new ProjectivePoint(q), bcP.Add(bcQ)));
            Assert.True(Reference.SamePoint(left + q, bcP.Add(bcQ)));
            Assert.True(Reference.SamePoint(left.Double(), bcP.Twice()));
            Assert.True(Reference.SamePoint(left.ApplyEndomorphism(), bcP.Multiply(Reference.ToBig(Glv.Lambda))));
        }
    }

    [Fact]
    public void The_complete_formulas_handle_doubling_inverses_and_the_identity()
    {
        var random = new Random(22);
        var bytes = new byte[32];
        for (int i = 0; i < 50; i++)
        {
            (BcPoint bcP, AffinePoint p) = RandomPoint(random, bytes);
            ProjectivePoint projective = Rescale(p, random, bytes);
            ProjectivePoint infinity = ProjectivePoint.Infinity;
            Assert.True(Reference.SamePoint(projective + p, bcP.Twice()), "P + P");
            Assert.True(Reference.SamePoint(projective + Rescale(p, random, bytes), bcP.Twice()), "P + P, both projective");
            Assert.True((projective + p.Negate()).IsInfinity, "P + (−P)");
            Assert.True((projective + projective.Negate()).IsInfinity, "P + (−P), both projective");
            Assert.True(Reference.SamePoint(infinity + p, bcP), "O + P");
            Assert.True(Reference.SamePoint(projective + infinity, bcP), "P + O");
            Assert.True((infinity + infinity).IsInfinity, "O + O");
            Assert.True(infinity.Double().IsInfinity, "2·O");
            Assert.False(infinity.TryToAffine(out _));
            Assert.True(Reference.SamePoint(projective, Reference.ToBc(p)), "rescaled P");
        }
    }

    [Fact]
    public void Jacobian_variable_time_formulas_match_the_reference_special_cases_included()
    {
        var random = new Random(25);
        var bytes = new byte[32];
        for (int i = 0; i < 300; i++)
        {
            (BcPoint bcP, AffinePoint p) = RandomPoint(random, bytes);
            (BcPoint bcQ, AffinePoint q) = RandomPoint(random, bytes);
            JacobianPoint left = RescaleJacobian(p, random, bytes);
            JacobianPoint right = RescaleJacobian(q, random, bytes);
            Assert.True(Reference.SamePoint(left.Add(q), bcP.Add(bcQ)), "P + Q mixed");
            Assert.True(Reference.SamePoint(left.Add(right), bcP.Add(bcQ)), "P + Q");
            Assert.True(Reference.SamePoint(left.Double(), bcP.Twice()), "2P");
            Assert.True(Reference.SamePoint(left.ApplyEndomorphism(), bcP.Multiply(Reference.ToBig(Glv.Lambda))), "λP");
            Assert.True(Reference.SamePoint(left.Add(p), bcP.Twice()), "P + P mixed");
            Assert.True(Reference.SamePoint(left.Add(RescaleJacobian(p, random, bytes)), bcP.Twice()), "P + P");
            Assert.True(left.Add(p.Negate()).IsInfinity, "P + (−P) mixed");
            Assert.True(left.Add(left.Negate()).IsInfinity, "P + (−P)");
            Assert.True(Reference.SamePoint(JacobianPoint.Infinity.Add(p), bcP), "O + P mixed");
            Assert.True(Reference.SamePoint(JacobianPoint.Infinity.Add(left), bcP), "O + P");
            Assert.True(Reference.SamePoint(left.Add(JacobianPoint.Infinity), bcP), "P + O");
        }
        Assert.True(JacobianPoint.Infinity.Double().IsInfinity);
        Assert.False(JacobianPoint.Infinity.TryToAffine(out _));
    }

    [Fact]
    public void Lifting_and_decoding_agree_with_the_reference()
    {
        var random = new Random(23);
        var x = new byte[32];
        int lifted = 0;
        for (int i = 0; i < 400; i++)
        {
            random.NextBytes(x);
            BcPoint? expected = TryLiftReference(new BigInteger(1, x));
            Assert.Equal(expected is not null, Secp256k1.TryLiftX(x, out AffinePoint point));
            if (expected is null) continue;
            lifted++;
            Assert.True(point.HasEvenY);
            Assert.True(Reference.ToBc(point).Equals(expected));
            var compressed = new byte[33];
            Secp256k1.WriteCompressed(point.Negate(), compressed);
            Assert.Equal(0x03, compressed[0]);
            Assert.True(Secp256k1.TryDecodeCompressed(compressed, out AffinePoint decoded));
            Assert.Equal(point.Negate(), decoded);
        }
        Assert.InRange(lifted, 120, 280);
        Assert.False(Secp256k1.TryLiftX(Reference.Bytes32(Reference.P), out _));
        Assert.False(Secp256k1.TryLiftX(new byte[31], out _));
        Assert.False(Secp256k1.TryDecodeCompressed([0x04, .. new byte[32]], out _));
    }

    [Fact]
    public void Batch_normalisation_matches_one_inversion_per_point()
    {
        var random = new Random(24);
        var bytes = new byte[32];
        var points = new ProjectivePoint[17];
        var expected = new AffinePoint[points.Length];
        for (int i = 0; i < points.Length; i++)
        {
            (_, expected[i]) = RandomPoint(random, bytes);
            points[i] = Rescale(expected[i], random, bytes);
        }
        var affine = new AffinePoint[points.Length];
        Normalization.ToAffine(points, affine);
        Assert.Equal(expected, affine);
        Assert.Throws<ArgumentException>(() => Normalization.ToAffine([ProjectivePoint.Infinity], new AffinePoint[1]));
    }

    internal static (BcPoint, AffinePoint) RandomPoint(Random random, byte[] bytes)
    {
        random.NextBytes(bytes);
        BcPoint point = Reference.G.Multiply(new BigInteger(1, bytes).Mod(Reference.N).Add(BigInteger.One)).Normalize();
        return (point, Reference.ToAffine(point));
    }

    /// <summary>The same point as (zX : zY : z) for a random z ≠ 0.</summary>
    internal static ProjectivePoint Rescale(in AffinePoint point, Random random, byte[] bytes)
    {
        random.NextBytes(bytes);
        FieldElement z = Reference.ToField(new BigInteger(1, bytes).Mod(Reference.P.Subtract(BigInteger.One)).Add(BigInteger.One));
        return new ProjectivePoint(point.X * z, point.Y * z, z);
    }

    /// <summary>The same point as (z²X, z³Y, z) for a random z ≠ 0.</summary>
    private static JacobianPoint RescaleJacobian(in AffinePoint point, Random random, byte[] bytes)
    {
        random.NextBytes(bytes);
        FieldElement z = Reference.ToField(new BigInteger(1, bytes).Mod(Reference.P.Subtract(BigInteger.One)).Add(BigInteger.One));
        FieldElement z2 = z.Square();
        return new JacobianPoint(point.X * z2, point.Y * z2 * z, z);
    }

    private static BcPoint? TryLiftReference(BigInteger x)
    {
        if (x.CompareTo(Reference.P) >= 0) return null;
        var xElement = Reference.Curve.FromBigInteger(x);
        var y = xElement.Square().Multiply(xElement).Add(Reference.Curve.B).Sqrt();
        if (y is null) return null;
        if (y.TestBitZero()) y = y.Negate();
        return Reference.Curve.CreatePoint(x, y.ToBigInteger());
    }
}
