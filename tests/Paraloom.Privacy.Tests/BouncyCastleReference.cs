using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using ECPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Paraloom.Privacy.Tests;

/// <summary>
/// secp256k1 on BouncyCastle, an implementation independent of libsecp256k1: BIP-340 signing and verification,
/// Pedersen commitments and ECDH written from their specifications on its arithmetic, for the cross-checks.
/// </summary>
internal static class BouncyCastleReference
{
    private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

    public static ECPoint G => Parameters.G;

    public static BigInteger N => Parameters.N;

    /// <summary>The published Pedersen generator, from its x coordinate alone (not from our code).</summary>
    public static ECPoint H { get; } = LiftX(Convert.FromHexString("50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0"))!;

    public static byte[] Bytes32(BigInteger value)
    {
        byte[] magnitude = value.ToByteArrayUnsigned();
        var bytes = new byte[32];
        magnitude.CopyTo(bytes, 32 - magnitude.Length);
        return bytes;
    }

    public static BigInteger ToBig(ReadOnlySpan<byte> bytes) => new(1, bytes.ToArray());

    /// <summary>BIP-340 lift_x, or null when x is not a coordinate on the curve.</summary>
    public static ECPoint? LiftX(byte[] x)
    {
        BigInteger xValue = new(1, x);
        if (xValue.CompareTo(Parameters.Curve.Field.Characteristic) >= 0) return null;
        ECFieldElement xElement = Parameters.Curve.FromBigInteger(xValue);
        ECFieldElement? y = xElement.Square().Multiply(xElement).Add(Parameters.Curve.B).Sqrt();
        if (y is null) return null;
        if (y.TestBitZero()) y = y.Negate();
        return Parameters.Curve.CreatePoint(xValue, y.ToBigInteger());
    }

    public static byte[] XOnly(ECPoint point) => Bytes32(point.Normalize().AffineXCoord.ToBigInteger());

    public static byte[] PublicKey(BigInteger secret) => XOnly(G.Multiply(secret));

    /// <summary>BIP-340 signing as its specification writes it.</summary>
    public static byte[] Sign(BigInteger secret, byte[] message, byte[] aux)
    {
        ECPoint p = G.Multiply(secret).Normalize();
        BigInteger d = p.AffineYCoord.TestBitZero() ? N.Subtract(secret) : secret;
        byte[] publicKey = XOnly(p);
        byte[] t = Bytes32(d).Zip(TaggedHash("BIP0340/aux", aux), (a, b) => (byte)(a ^ b)).ToArray();
        BigInteger kPrime = ToBig(TaggedHash("BIP0340/nonce", [.. t, .. publicKey, .. message])).Mod(N);
        ECPoint r = G.Multiply(kPrime).Normalize();
        BigInteger k = r.AffineYCoord.TestBitZero() ? N.Subtract(kPrime) : kPrime;
        byte[] rBytes = XOnly(r);
        BigInteger e = ToBig(TaggedHash("BIP0340/challenge", [.. rBytes, .. publicKey, .. message])).Mod(N);
        return [.. rBytes, .. Bytes32(k.Add(e.Multiply(d)).Mod(N))];
    }

    /// <summary>BIP-340 verification as its specification writes it.</summary>
    public static bool Verify(byte[] publicKey, byte[] message, byte[] signature)
    {
        ECPoint? p = LiftX(publicKey);
        BigInteger r = ToBig(signature.AsSpan(0, 32)), s = ToBig(signature.AsSpan(32));
        if (p is null || r.CompareTo(Parameters.Curve.Field.Characteristic) >= 0 || s.CompareTo(N) >= 0) return false;
        BigInteger e = ToBig(TaggedHash("BIP0340/challenge", [.. signature.AsSpan(0, 32), .. publicKey, .. message])).Mod(N);
        ECPoint point = G.Multiply(s).Add(p.Multiply(N.Subtract(e))).Normalize();
        return !point.IsInfinity && !point.AffineYCoord.TestBitZero() && point.AffineXCoord.ToBigInteger().Equals(r);
    }

    /// <summary>v·G + r·H, SEC1-compressed.</summary>
    public static byte[] Commit(BigInteger value, BigInteger blinding) =>
        G.Multiply(value).Add(H.Multiply(blinding)).Normalize().GetEncoded(compressed: true);

    /// <summary>A SEC1 compressed point, or null when it is not one on the curve.</summary>
    public static ECPoint? Decode(byte[] compressed)
    {
        try
        {
            return Parameters.Curve.DecodePoint(compressed);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static byte[] Compressed(ECPoint point) => point.Normalize().GetEncoded(compressed: true);

    /// <summary>x(secret·point): the shared secret of the key hand-out.</summary>
    public static byte[] SharedX(BigInteger secret, ECPoint point) => XOnly(point.Multiply(secret));

    public static byte[] TaggedHash(string tag, byte[] data)
    {
        byte[] tagHash = SHA256.HashData(Encoding.UTF8.GetBytes(tag));
        return SHA256.HashData([.. tagHash, .. tagHash, .. data]);
    }
}
