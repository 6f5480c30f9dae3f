using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Paraloom.Privacy.Curve;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Paraloom.Privacy.Tests.Curve;

/// <summary>
/// BouncyCastle's secp256k1 as the reference the library's own arithmetic is checked against, with
/// conversions between its types and ours, and a seeded source of random values and edge cases.
/// </summary>
internal static class Reference
{
    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static ECCurve Curve => Parameters.Curve;

    public static BcPoint G => Parameters.G;

    public static BigInteger N => Parameters.N;

    public static BigInteger P => Curve.Field.Characteristic;

    public static BigInteger ToBig(in Scalar scalar) => new(1, scalar.ToBytes());

    public static BigInteger ToBig(in FieldElement element)
    {
        var bytes = new byte[32];
        element.Write(bytes);
        return new BigInteger(1, bytes);
    }

    public static byte[] Bytes32(BigInteger value)
    {
        byte[] magnitude = value.ToByteArrayUnsigned();
        var bytes = new byte[32];
        magnitude.CopyTo(bytes, 32 - magnitude.Length);
        return bytes;
    }

    public static Scalar ToScalar(BigInteger value)
    {
        Assert.True(Scalar.TryRead(Bytes32(value.Mod(N)), out Scalar scalar));
        return scalar;
    }

    public static FieldElement ToField(BigInteger value)
    {
        Assert.True(FieldElement.TryRead(Bytes32(value.Mod(P)), out FieldElement element));
        return element;
    }

    public static BcPoint ToBc(in AffinePoint point) => Curve.CreatePoint(ToBig(point.X), ToBig(point.Y));

    public static BcPoint ToBc(in ProjectivePoint point) =>
        point.TryToAffine(out AffinePoint affine) ? ToBc(affine) : Curve.Infinity;

    public static AffinePoint ToAffine(BcPoint point)
    {
        BcPoint normalized = point.Normalize();
        Assert.False(normalized.IsInfinity);
        return new AffinePoint(ToField(normalized.AffineXCoord.ToBigInteger()), ToField(normalized.AffineYCoord.ToBigInteger()));
    }

    public static BcPoint ToBc(in JacobianPoint point) =>
        point.TryToAffine(out AffinePoint affine) ? ToBc(affine) : Curve.Infinity;

    public static bool SamePoint(in ProjectivePoint ours, BcPoint expected) => ToBc(ours).Equals(expected.Normalize());

    public static bool SamePoint(in JacobianPoint ours, BcPoint expected) => ToBc(ours).Equals(expected.Normalize());

    /// <summary>Random 256-bit values of every shape, then the edges: 0, 1, 2, n − 1, n − 2, p − 1, 2^255, 2^128 ± 1.</summary>
    public static IEnumerable<BigInteger> Values(int randomCount, BigInteger modulus, int seed)
    {
        foreach (BigInteger edge in Edges(modulus)) yield return edge;
        var random = new Random(seed);
        var bytes = new byte[32];
        for (int i = 0; i < randomCount; i++)
        {
            random.NextBytes(bytes);
            // Every fourth value is short or has long runs of ones, where carries and reductions go wrong.
            switch (i % 4)
            {
                case 1: bytes.AsSpan(0, 16).Clear(); break;
                case 2: bytes.AsSpan(0, 12).Fill(0xFF); break;
            }
            yield return new BigInteger(1, bytes).Mod(modulus);
        }
    }

    private static IEnumerable<BigInteger> Edges(BigInteger modulus)
    {
        BigInteger two128 = BigInteger.One.ShiftLeft(128);
        BigInteger[] edges =
        [
            BigInteger.Zero, BigInteger.One, BigInteger.Two, modulus.Subtract(BigInteger.One), modulus.Subtract(BigInteger.Two),
            P.Subtract(BigInteger.One), N.Subtract(BigInteger.One), BigInteger.One.ShiftLeft(255), two128,
            two128.Subtract(BigInteger.One), two128.Add(BigInteger.One), BigInteger.One.ShiftLeft(64).Subtract(BigInteger.One),
        ];
        return edges.Select(edge => edge.Mod(modulus));
    }
}
