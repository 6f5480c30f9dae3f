using System.Security.Cryptography;
using Paraloom.Privacy.Native;

namespace Paraloom.Privacy;

/// <summary>
/// A non-interactive (Fiat–Shamir) sigma proof that the requester knows sk with P = sk·G and an opening
/// (v, r) of the input commitment C = v·G + r·H, bound to an <see cref="OwnershipContext"/>.
/// Nonces R1 = k1·G and R2 = k2·G + k3·H; challenge e = TaggedHash(context || R1 || R2); responses
/// s1 = k1 + e·sk, s2 = k2 + e·v, s3 = k3 + e·r. Encoded as version || e || s1 || s2 || s3 (129 bytes);
/// the verifier recomputes R1 = s1·G − e·P and R2 = s2·G + s3·H − e·C and checks the challenge.
/// </summary>
public sealed class OwnershipProof
{
    private const int ScalarSize = ScalarMath.Size;
    public const int Size = 1 + 4 * ScalarSize;
    private const byte Version = 1;

    /// <summary>e || s1 || s2 || s3, each 32 big-endian bytes below n (public values).</summary>
    private readonly byte[] _scalars;

    private OwnershipProof(byte[] scalars) => _scalars = scalars;

    private ReadOnlySpan<byte> E => _scalars.AsSpan(0, ScalarSize);
    private ReadOnlySpan<byte> S1 => _scalars.AsSpan(ScalarSize, ScalarSize);
    private ReadOnlySpan<byte> S2 => _scalars.AsSpan(2 * ScalarSize, ScalarSize);
    private ReadOnlySpan<byte> S3 => _scalars.AsSpan(3 * ScalarSize, ScalarSize);

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

        // d, then the three nonces: secrets, in one pinned buffer zeroed before returning.
        byte[] secrets = GC.AllocateArray<byte>(4 * ScalarSize, pinned: true);
        Span<byte> d = secrets.AsSpan(0, ScalarSize);
        Span<byte> nonces = secrets.AsSpan(ScalarSize);
        try
        {
            requester.WriteEvenYScalar(d);
            while (true)
            {
                DeriveNonces(d, value.Scalar, blinding.Scalar, context, nonces);
                ReadOnlySpan<byte> k1 = nonces[..ScalarSize], k2 = nonces.Slice(ScalarSize, ScalarSize), k3 = nonces[(2 * ScalarSize)..];
                if (!CurvePoint.TryMultiplyG(k1, out CurvePoint r1)) continue;
                if (!PedersenCommitment.TryCommit(k2, k3, out CurvePoint r2)) continue;
                var scalars = new byte[4 * ScalarSize];
                Span<byte> e = scalars.AsSpan(0, ScalarSize);
                if (!TryChallenge(context, r1, r2, e)) continue;
                Respond(k1, e, d, scalars.AsSpan(ScalarSize, ScalarSize));
                Respond(k2, e, value.Scalar, scalars.AsSpan(2 * ScalarSize, ScalarSize));
                Respond(k3, e, blinding.Scalar, scalars.AsSpan(3 * ScalarSize, ScalarSize));
                return new OwnershipProof(scalars);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secrets);
        }
    }

    /// <summary>True only for a proof made for exactly this context (job, module, commitment, key, purpose).</summary>
    public bool Verify(OwnershipContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Span<byte> minusE = stackalloc byte[ScalarSize];
        ScalarMath.Negate(E, minusE);

        // R1 = s1·G − e·P.
        if (!context.Job.Requester.Point.TryMultiply(minusE, out CurvePoint minusEP)) return false;
        if (!minusEP.TryAddMultipleOfG(S1, out CurvePoint r1)) return false;

        // R2 = s2·G + s3·H − e·C, summed at once so a partial sum may be the identity.
        Span<CurvePoint> terms = stackalloc CurvePoint[3];
        if (!context.Job.InputCommitment.Point.TryMultiply(minusE, out terms[0])) return false;
        int count = 1;
        if (CurvePoint.H.TryMultiply(S3, out terms[count])) count++;
        if (CurvePoint.TryMultiplyG(S2, out terms[count])) count++;
        if (!CurvePoint.TrySum(terms[..count], out CurvePoint r2)) return false;

        Span<byte> expected = stackalloc byte[ScalarSize];
        return TryChallenge(context, r1, r2, expected) && CryptographicOperations.FixedTimeEquals(expected, E);
    }

    /// <summary>Strict parsing: exact length, known version, every scalar below n and a non-zero challenge.</summary>
    public static OwnershipProof FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new InvalidEncodingException($"An ownership proof is {Size} bytes.");
        if (bytes[0] != Version) throw new InvalidEncodingException($"Unknown ownership proof version {bytes[0]}.");
        ReadOnlySpan<byte> scalars = bytes[1..];
        for (int i = 0; i < 4; i++)
        {
            if (!ScalarMath.IsBelowOrder(scalars.Slice(i * ScalarSize, ScalarSize)))
                throw new InvalidEncodingException("An ownership proof scalar is not below the group order.");
        }
        if (ScalarMath.IsZero(scalars[..ScalarSize])) throw new InvalidEncodingException("An ownership proof challenge cannot be zero.");
        return new OwnershipProof(scalars.ToArray());
    }

    public byte[] ToBytes() => [Version, .. _scalars];

    public override string ToString() => $"OwnershipProof({Hex.Encode(ToBytes())})";

    /// <summary>response = k + e·secret mod n.</summary>
    private static void Respond(ReadOnlySpan<byte> k, ReadOnlySpan<byte> e, ReadOnlySpan<byte> secret, Span<byte> response)
    {
        ScalarMath.Multiply(e, secret, response);
        ScalarMath.Add(k, response, response);
    }

    /// <summary>e = TaggedHash(context || R1 || R2) mod n; false when e is zero.</summary>
    private static bool TryChallenge(OwnershipContext context, in CurvePoint r1, in CurvePoint r2, Span<byte> e)
    {
        Span<byte> point = stackalloc byte[CurvePoint.CompressedSize];
        Span<byte> hash = stackalloc byte[32];
        using IncrementalHash challenge = TaggedHash.OwnershipChallenge.Begin();
        challenge.AppendData(context.Encoded);
        r1.WriteCompressed(point);
        challenge.AppendData(point);
        r2.WriteCompressed(point);
        challenge.AppendData(point);
        challenge.GetHashAndReset(hash);
        ScalarMath.Reduce(hash, e);
        return !ScalarMath.IsZero(e);
    }

    /// <summary>
    /// Hedged nonces k1, k2, k3 (non-zero): a hash of fresh CSPRNG bytes together with the secrets and the
    /// context, so a weak random source alone cannot repeat a nonce under different challenges.
    /// </summary>
    private static void DeriveNonces(ReadOnlySpan<byte> d, ReadOnlySpan<byte> v, ReadOnlySpan<byte> r, OwnershipContext context, Span<byte> nonces)
    {
        Span<byte> seed = stackalloc byte[4 * ScalarSize];
        Span<byte> hash = stackalloc byte[32];
        try
        {
            RandomNumberGenerator.Fill(seed[..ScalarSize]);
            d.CopyTo(seed.Slice(32, 32));
            v.CopyTo(seed.Slice(64, 32));
            r.CopyTo(seed.Slice(96, 32));
            for (int i = 0; i < 3; i++)
            {
                Span<byte> nonce = nonces.Slice(i * ScalarSize, ScalarSize);
                do
                {
                    using IncrementalHash derivation = TaggedHash.OwnershipNonce.Begin();
                    derivation.AppendData(seed);
                    derivation.AppendData(context.Encoded);
                    derivation.AppendData([(byte)i]);
                    derivation.GetHashAndReset(hash);
                    ScalarMath.Reduce(hash, nonce);
                    if (ScalarMath.IsZero(nonce)) RandomNumberGenerator.Fill(seed[..ScalarSize]);
                }
                while (ScalarMath.IsZero(nonce));
            }
        }
        finally
        {
            seed.Clear();
            hash.Clear();
        }
    }
}
