using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Paraloom.Privacy.Curve;

namespace Paraloom.Privacy;

/// <summary>
/// A 64-byte BIP-340 Schnorr signature over secp256k1 (validator votes, requester authorisations).
/// Messages may be any length, as BIP-340 allows.
/// </summary>
public sealed class SchnorrSignature
{
    public const int Size = 64;
    private const int AuxSize = 32;

    private readonly byte[] _bytes;

    private SchnorrSignature(byte[] bytes) => _bytes = bytes;

    /// <summary>
    /// Parses 64 bytes. Only the length is checked here: BIP-340 defines out-of-range halves as
    /// signatures that fail verification, and <see cref="Verify"/> rejects them.
    /// </summary>
    public static SchnorrSignature FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new InvalidEncodingException("A Schnorr signature is 64 bytes.");
        return new SchnorrSignature(bytes.ToArray());
    }

    public static SchnorrSignature FromHex(string hex) => new(Hex.Decode(hex, Size, "Schnorr signature"));

    public byte[] ToBytes() => (byte[])_bytes.Clone();

    public string ToHex() => Hex.Encode(_bytes);

    public override string ToString() => ToHex();

    /// <summary>Signs with fresh auxiliary randomness from the CSPRNG, as BIP-340 recommends.</summary>
    public static SchnorrSignature Sign(SecretKey key, ReadOnlySpan<byte> message)
    {
        Span<byte> aux = stackalloc byte[AuxSize];
        RandomNumberGenerator.Fill(aux);
        return Sign(key, message, aux);
    }

    /// <summary>BIP-340 signing with caller-chosen auxiliary data: only for the official test vectors.</summary>
    internal static SchnorrSignature Sign(SecretKey key, ReadOnlySpan<byte> message, ReadOnlySpan<byte> aux)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (aux.Length != AuxSize) throw new ArgumentException("BIP-340 auxiliary data is 32 bytes.", nameof(aux));

        BigInteger d = key.EvenYScalar;
        ReadOnlySpan<byte> publicKey = key.PublicKey.AsSpan();
        Span<byte> masked = stackalloc byte[Secp256k1.ScalarSize];
        Span<byte> nonceHash = stackalloc byte[Secp256k1.ScalarSize];
        try
        {
            Secp256k1.WriteScalar(d, masked);
            byte[] auxHash = TaggedHash.Bip340Aux.Compute(aux);
            for (int i = 0; i < masked.Length; i++) masked[i] ^= auxHash[i];

            using (IncrementalHash nonce = TaggedHash.Bip340Nonce.Begin())
            {
                nonce.AppendData(masked);
                nonce.AppendData(publicKey);
                nonce.AppendData(message);
                nonce.GetHashAndReset(nonceHash);
            }

            BigInteger kPrime = Secp256k1.ReduceScalar(nonceHash);
            if (kPrime.SignValue == 0) throw new CryptographicException("BIP-340 nonce derivation produced zero.");
            ECPoint r = Generators.MultiplyG(kPrime);
            BigInteger k = Secp256k1.HasEvenY(r) ? kPrime : Secp256k1.N.Subtract(kPrime);

            var signature = new byte[Size];
            Secp256k1.WriteXOnly(r, signature);
            BigInteger e = Challenge(signature.AsSpan(0, 32), publicKey, message);
            Secp256k1.WriteScalar(k.Add(e.Multiply(d)).Mod(Secp256k1.N), signature.AsSpan(32));
            return new SchnorrSignature(signature);
        }
        finally
        {
            masked.Clear();
            nonceHash.Clear();
        }
    }

    /// <summary>BIP-340 verification. Never throws for a wrong or malformed signature: it returns false.</summary>
    public static bool Verify(PublicKey publicKey, ReadOnlySpan<byte> message, SchnorrSignature signature)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(signature);

        ReadOnlySpan<byte> rBytes = signature._bytes.AsSpan(0, 32);
        BigInteger r = Secp256k1.ReadUnsigned(rBytes);
        if (r.CompareTo(Secp256k1.FieldPrime) >= 0) return false;
        BigInteger? s = Secp256k1.TryReadScalar(signature._bytes.AsSpan(32));
        if (s is null) return false;

        BigInteger e = Challenge(rBytes, publicKey.AsSpan(), message);
        // R = s·G - e·P in one interleaved (Shamir / GLV) multiplication.
        ECPoint point = ECAlgorithms.SumOfTwoMultiplies(Generators.G, s, publicKey.Point, Secp256k1.Negate(e)).Normalize();
        return !point.IsInfinity
            && Secp256k1.HasEvenY(point)
            && point.AffineXCoord.ToBigInteger().Equals(r);
    }

    private static BigInteger Challenge(ReadOnlySpan<byte> r, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message)
    {
        Span<byte> hash = stackalloc byte[32];
        using IncrementalHash challenge = TaggedHash.Bip340Challenge.Begin();
        challenge.AppendData(r);
        challenge.AppendData(publicKey);
        challenge.AppendData(message);
        challenge.GetHashAndReset(hash);
        return Secp256k1.ReduceScalar(hash);
    }
}
