using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Paraloom.Benchmarks.Privacy;

/// <summary>
/// The same operations on BouncyCastle's secp256k1, as this library computed them before it had its own
/// arithmetic: run beside the new code so old and new are measured in one run, under one load.
/// </summary>
internal static class BouncyCastleBaseline
{
    private static readonly X9ECParameters Curve = CustomNamedCurves.GetByName("secp256k1");
    private static readonly byte[] ChallengeTag = SHA256.HashData(Encoding.ASCII.GetBytes("BIP0340/challenge"));

    public static BcPoint G { get; } = Curve.G.Normalize();

    public static BigInteger N => Curve.N;

    /// <summary>The Pedersen generator H, from its x coordinate (even y).</summary>
    public static BcPoint H { get; } = LiftX(Convert.FromHexString("50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0"));

    public static BcPoint LiftX(ReadOnlySpan<byte> x)
    {
        ECFieldElement xElement = Curve.Curve.FromBigInteger(new BigInteger(1, x.ToArray()));
        ECFieldElement y = xElement.Square().Multiply(xElement).Add(Curve.Curve.B).Sqrt();
        if (y.TestBitZero()) y = y.Negate();
        return Curve.Curve.CreatePoint(xElement.ToBigInteger(), y.ToBigInteger());
    }

    /// <summary>BIP-340 verification as before: R = s·G − e·P by BouncyCastle's interleaved GLV multiplication.</summary>
    public static bool Verify(BcPoint publicKey, byte[] publicKeyBytes, byte[] message, byte[] signature)
    {
        var r = new BigInteger(1, signature, 0, 32);
        var s = new BigInteger(1, signature, 32, 32);
        byte[] challenge = SHA256.HashData([.. ChallengeTag, .. ChallengeTag, .. signature.AsSpan(0, 32), .. publicKeyBytes, .. message]);
        BigInteger e = new BigInteger(1, challenge).Mod(N);
        BcPoint point = ECAlgorithms.SumOfTwoMultiplies(G, s, publicKey, N.Subtract(e)).Normalize();
        return !point.IsInfinity && !point.AffineYCoord.TestBitZero() && point.AffineXCoord.ToBigInteger().Equals(r);
    }

    /// <summary>v·G + r·H with BouncyCastle's fixed-point comb (its precomputation cached on G and H).</summary>
    public static BcPoint Commit(BigInteger value, BigInteger blinding) =>
        new FixedPointCombMultiplier().Multiply(G, value).Add(new FixedPointCombMultiplier().Multiply(H, blinding)).Normalize();
}
