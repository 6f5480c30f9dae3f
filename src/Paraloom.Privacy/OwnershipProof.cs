using System.Security.Cryptography;
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

    private readonly Scalar _e, _s1, _s2, _s3;

    private OwnershipProof(in Scalar e, in Scalar s1, in Scalar s2, in Scalar s3)
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

        Scalar d = requester.EvenYScalar;
        while (true)
        {
            (Scalar k1, Scalar k2, Scalar k3) = DeriveNonces(d, value.Scalar, blinding.Scalar, context);
            if (!Generators.MultiplyG(k1).TryToAffine(out AffinePoint r1)) continue;
            if (!(Generators.MultiplyG(k2) + Generators.MultiplyH(k3)).TryToAffine(out AffinePoint r2)) continue;
            if (!TryChallenge(context, r1, r2, out Scalar e)) continue;
            return new OwnershipProof(e, k1 + e * d, k2 + e * value.Scalar, k3 + e * blinding.Scalar);
        }
    }

    /// <summary>True only for a proof made for exactly this context (job, module, commitment, key, purpose).</summary>
    public bool Verify(OwnershipContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Scalar minusE = -_e;
        PublicKey requester = context.Job.Requester;
        JacobianPoint r1 = VariableTimeMultiplier.Multiply(_s1, Scalar.Zero, [minusE], [requester.Point], [requester.MultiplesForVerification()]);
        JacobianPoint r2 = VariableTimeMultiplier.Multiply(_s2, _s3, [minusE], [context.Job.InputCommitment.Point]);
        if (!r1.TryToAffine(out AffinePoint r1Affine) || !r2.TryToAffine(out AffinePoint r2Affine)) return false;
        if (!TryChallenge(context, r1Affine, r2Affine, out Scalar expected)) return false;
        Span<byte> expectedBytes = stackalloc byte[Secp256k1.ScalarSize];
        Span<byte> actualBytes = stackalloc byte[Secp256k1.ScalarSize];
        expected.Write(expectedBytes);
        _e.Write(actualBytes);
        return CryptographicOperations.FixedTimeEquals(expectedBytes, actualBytes);
    }

    /// <summary>Strict parsing: exact length, known version, every scalar below n and a non-zero challenge.</summary>
    public static OwnershipProof FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new InvalidEncodingException($"An ownership proof is {Size} bytes.");
        if (bytes[0] != Version) throw new InvalidEncodingException($"Unknown ownership proof version {bytes[0]}.");
        var scalars = new Scalar[4];
        for (int i = 0; i < scalars.Length; i++)
        {
            if (!Scalar.TryRead(bytes.Slice(1 + i * Secp256k1.ScalarSize, Secp256k1.ScalarSize), out scalars[i]))
                throw new InvalidEncodingException("An ownership proof scalar is not below the group order.");
        }
        if (scalars[0].IsZero) throw new InvalidEncodingException("An ownership proof challenge cannot be zero.");
        return new OwnershipProof(scalars[0], scalars[1], scalars[2], scalars[3]);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        bytes[0] = Version;
        Scalar[] scalars = [_e, _s1, _s2, _s3];
        for (int i = 0; i < scalars.Length; i++)
            scalars[i].Write(bytes.AsSpan(1 + i * Secp256k1.ScalarSize));
        return bytes;
    }

    public override string ToString() => $"OwnershipProof({Hex.Encode(ToBytes())})";

    /// <summary>e = TaggedHash(context || R1 || R2) mod n; false when e is zero.</summary>
    private static bool TryChallenge(OwnershipContext context, in AffinePoint r1, in AffinePoint r2, out Scalar e)
    {
        Span<byte> point = stackalloc byte[Secp256k1.CompressedSize];
        Span<byte> hash = stackalloc byte[32];
        using IncrementalHash challenge = TaggedHash.OwnershipChallenge.Begin();
        challenge.AppendData(context.Encoded);
        Secp256k1.WriteCompressed(r1, point);
        challenge.AppendData(point);
        Secp256k1.WriteCompressed(r2, point);
        challenge.AppendData(point);
        challenge.GetHashAndReset(hash);
        e = Scalar.ReadReduced(hash);
        return !e.IsZero;
    }

    /// <summary>
    /// Hedged nonces: a hash of fresh CSPRNG bytes together with the secrets and the context, so a weak
    /// random source alone cannot repeat a nonce under different challenges.
    /// </summary>
    private static (Scalar, Scalar, Scalar) DeriveNonces(in Scalar d, in Scalar v, in Scalar r, OwnershipContext context)
    {
        Span<byte> seed = stackalloc byte[4 * Secp256k1.ScalarSize];
        Span<byte> hash = stackalloc byte[32];
        Span<Scalar> nonces = stackalloc Scalar[3];
        try
        {
            RandomNumberGenerator.Fill(seed[..Secp256k1.ScalarSize]);
            d.Write(seed.Slice(32, 32));
            v.Write(seed.Slice(64, 32));
            r.Write(seed.Slice(96, 32));
            for (int i = 0; i < nonces.Length; i++)
            {
                do
                {
                    using IncrementalHash nonce = TaggedHash.OwnershipNonce.Begin();
                    nonce.AppendData(seed);
                    nonce.AppendData(context.Encoded);
                    nonce.AppendData([(byte)i]);
                    nonce.GetHashAndReset(hash);
                    nonces[i] = Scalar.ReadReduced(hash);
                    if (nonces[i].IsZero) RandomNumberGenerator.Fill(seed[..Secp256k1.ScalarSize]);
                }
                while (nonces[i].IsZero);
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
