using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Paraloom.Privacy.Curve;

namespace Paraloom.Privacy;

/// <summary>
/// A non-interactive (Fiat–Shamir) sigma proof that the requester knows sk with P = sk·G and an opening
/// (v, r) of the input commitment C = v·G + r·H, bound to an <see cref="OwnershipContext"/>.
/// Nonces R1 = k1·G and R2 = k2·G + k3·H; challenge e = TaggedHash(context || R1 || R2); responses
/// s1 = k1 + e·sk, s2 = k2 + e·v, s3 = k3 + e·r. Encoded as version || e || s1 || s2 || s3 (129 bytes);
/// the verifier recomputes R1, R2 from the responses and checks the challenge.
/// </summary>
public sealed class OwnershipProof
{
    public const int Size = 1 + 4 * Secp256k1.ScalarSize;
    private const byte Version = 1;

    private readonly BigInteger _e, _s1, _s2, _s3;

    private OwnershipProof(BigInteger e, BigInteger s1, BigInteger s2, BigInteger s3)
    {
        _e = e;
        _s1 = s1;
        _s2 = s2;
        _s3 = s3;
    }

    /// <summary>
    /// Proves ownership of the job described by <paramref name="context"/>. Throws when the key is not the
    /// context's requester or (value, blinding) does not open its input commitment: such a proof could
    /// never verify.
    /// </summary>
    public static OwnershipProof Create(SecretKey requester, CommitmentValue value, Blinding blinding, OwnershipContext context)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(blinding);
        ArgumentNullException.ThrowIfNull(context);
        if (!requester.PublicKey.Equals(context.Job.Requester))
            throw new ArgumentException("The secret key does not belong to the context's requester.", nameof(requester));
        if (!context.Job.InputCommitment.Opens(value, blinding))
            throw new ArgumentException("The value and blinding do not open the context's input commitment.", nameof(blinding));

        BigInteger d = requester.EvenYScalar;
        while (true)
        {
            (BigInteger k1, BigInteger k2, BigInteger k3) = DeriveNonces(d, value.Scalar, blinding.Scalar, context);
            ECPoint r1 = Generators.MultiplyG(k1);
            ECPoint r2 = Generators.MultiplyG(k2).Add(Generators.MultiplyH(k3));
            BigInteger? e = Challenge(context, r1, r2);
            if (e is null) continue;
            BigInteger n = Secp256k1.N;
            return new OwnershipProof(
                e,
                k1.Add(e.Multiply(d)).Mod(n),
                k2.Add(e.Multiply(value.Scalar)).Mod(n),
                k3.Add(e.Multiply(blinding.Scalar)).Mod(n));
        }
    }

    /// <summary>True only for a proof made for exactly this context (job, module, commitment, key, purpose).</summary>
    public bool Verify(OwnershipContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        BigInteger minusE = Secp256k1.Negate(_e);
        ECPoint r1 = ECAlgorithms.SumOfTwoMultiplies(Generators.G, _s1, context.Job.Requester.Point, minusE);
        ECPoint r2 = ECAlgorithms.SumOfMultiplies(
            [Generators.G, Generators.H, context.Job.InputCommitment.Point],
            [_s2, _s3, minusE]);
        BigInteger? expected = Challenge(context, r1, r2);
        if (expected is null) return false;
        return CryptographicOperations.FixedTimeEquals(Secp256k1.ScalarBytes(expected), Secp256k1.ScalarBytes(_e));
    }

    /// <summary>Strict parsing: exact length, known version, every scalar below n and a non-zero challenge.</summary>
    public static OwnershipProof FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new InvalidEncodingException($"An ownership proof is {Size} bytes.");
        if (bytes[0] != Version) throw new InvalidEncodingException($"Unknown ownership proof version {bytes[0]}.");
        var scalars = new BigInteger[4];
        for (int i = 0; i < scalars.Length; i++)
        {
            scalars[i] = Secp256k1.TryReadScalar(bytes.Slice(1 + i * Secp256k1.ScalarSize, Secp256k1.ScalarSize))
                ?? throw new InvalidEncodingException("An ownership proof scalar is not below the group order.");
        }
        if (scalars[0].SignValue == 0) throw new InvalidEncodingException("An ownership proof challenge cannot be zero.");
        return new OwnershipProof(scalars[0], scalars[1], scalars[2], scalars[3]);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        bytes[0] = Version;
        BigInteger[] scalars = [_e, _s1, _s2, _s3];
        for (int i = 0; i < scalars.Length; i++)
            Secp256k1.WriteScalar(scalars[i], bytes.AsSpan(1 + i * Secp256k1.ScalarSize));
        return bytes;
    }

    public override string ToString() => $"OwnershipProof({Hex.Encode(ToBytes())})";

    /// <summary>e = TaggedHash(context || R1 || R2) mod n; null when a nonce point is the identity or e is zero.</summary>
    private static BigInteger? Challenge(OwnershipContext context, ECPoint r1, ECPoint r2)
    {
        r1 = r1.Normalize();
        r2 = r2.Normalize();
        if (r1.IsInfinity || r2.IsInfinity) return null;
        Span<byte> point = stackalloc byte[Secp256k1.CompressedSize];
        Span<byte> hash = stackalloc byte[32];
        using IncrementalHash challenge = TaggedHash.OwnershipChallenge.Begin();
        challenge.AppendData(context.Encoded);
        Secp256k1.WriteCompressed(r1, point);
        challenge.AppendData(point);
        Secp256k1.WriteCompressed(r2, point);
        challenge.AppendData(point);
        challenge.GetHashAndReset(hash);
        BigInteger e = Secp256k1.ReduceScalar(hash);
        return e.SignValue == 0 ? null : e;
    }

    /// <summary>
    /// Hedged nonces: a hash of fresh CSPRNG bytes together with the secrets and the context, so a weak
    /// random source alone cannot repeat a nonce under different challenges.
    /// </summary>
    private static (BigInteger, BigInteger, BigInteger) DeriveNonces(BigInteger d, BigInteger v, BigInteger r, OwnershipContext context)
    {
        Span<byte> seed = stackalloc byte[4 * Secp256k1.ScalarSize];
        Span<byte> hash = stackalloc byte[32];
        var nonces = new BigInteger[3];
        try
        {
            RandomNumberGenerator.Fill(seed[..Secp256k1.ScalarSize]);
            Secp256k1.WriteScalar(d, seed.Slice(32, 32));
            Secp256k1.WriteScalar(v, seed.Slice(64, 32));
            Secp256k1.WriteScalar(r, seed.Slice(96, 32));
            for (int i = 0; i < nonces.Length; i++)
            {
                do
                {
                    using IncrementalHash nonce = TaggedHash.OwnershipNonce.Begin();
                    nonce.AppendData(seed);
                    nonce.AppendData(context.Encoded);
                    nonce.AppendData([(byte)i]);
                    nonce.GetHashAndReset(hash);
                    nonces[i] = Secp256k1.ReduceScalar(hash);
                    if (nonces[i].SignValue == 0) RandomNumberGenerator.Fill(seed[..Secp256k1.ScalarSize]);
                }
                while (nonces[i].SignValue == 0);
            }
            return (nonces[0], nonces[1], nonces[2]);
        }
        finally
        {
            seed.Clear();
            hash.Clear();
        }
    }
}
