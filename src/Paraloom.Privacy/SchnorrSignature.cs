using System.Security.Cryptography;
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

        Scalar d = key.EvenYScalar;
        ReadOnlySpan<byte> publicKey = key.PublicKey.AsSpan();
        Span<byte> masked = stackalloc byte[Secp256k1.ScalarSize];
        Span<byte> nonceHash = stackalloc byte[Secp256k1.ScalarSize];
        try
        {
            d.Write(masked);
            byte[] auxHash = TaggedHash.Bip340Aux.Compute(aux);
            for (int i = 0; i < masked.Length; i++) masked[i] ^= auxHash[i];

            using (IncrementalHash nonce = TaggedHash.Bip340Nonce.Begin())
            {
                nonce.AppendData(masked);
                nonce.AppendData(publicKey);
                nonce.AppendData(message);
                nonce.GetHashAndReset(nonceHash);
            }

            Scalar kPrime = Scalar.ReadReduced(nonceHash);
            if (kPrime.IsZero || !Generators.MultiplyG(kPrime).TryToAffine(out AffinePoint r))
                throw new CryptographicException("BIP-340 nonce derivation produced zero.");
            Scalar k = kPrime.NegateIf(!r.HasEvenY);

            var signature = new byte[Size];
            Secp256k1.WriteXOnly(r, signature);
            Scalar e = Challenge(signature.AsSpan(0, 32), publicKey, message);
            (k + e * d).Write(signature.AsSpan(32));
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
        if (!FieldElement.TryRead(rBytes, out FieldElement r)) return false;
        if (!Scalar.TryRead(signature._bytes.AsSpan(32), out Scalar s)) return false;

        Scalar e = Challenge(rBytes, publicKey.AsSpan(), message);
        // R = s·G − e·P in one interleaved (Strauss / GLV) multiplication.
        JacobianPoint point = VariableTimeMultiplier.Multiply(s, Scalar.Zero, [-e], [publicKey.Point], [publicKey.MultiplesForVerification()]);
        return point.TryToAffine(out AffinePoint affine) && affine.HasEvenY && affine.X.Equals(r);
    }

    /// <summary>
    /// BIP-340 batch verification: true when every signature is valid, false when at least one is not
    /// (then verify them one by one to find it). Each signature gets a random weight, and all the
    /// multiplications share one interleaved multi-scalar multiplication (one chain of doublings).
    /// </summary>
    public static bool VerifyBatch(IReadOnlyList<SignedMessage> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 1) return Verify(batch[0].Signer, batch[0].Message.Span, batch[0].Signature);

        // Checks (Σ aᵢsᵢ)·G − Σ aᵢ·Rᵢ − Σ aᵢeᵢ·Pᵢ = O with a₀ = 1 and the other aᵢ random.
        var points = new AffinePoint[2 * batch.Count];
        var scalars = new Scalar[points.Length];
        var tables = new OddMultiplesTable?[points.Length];
        Scalar sum = Scalar.Zero;
        for (int i = 0; i < batch.Count; i++)
        {
            (PublicKey signer, ReadOnlyMemory<byte> message, SchnorrSignature signature) = batch[i];
            ArgumentNullException.ThrowIfNull(signer);
            ArgumentNullException.ThrowIfNull(signature);
            ReadOnlySpan<byte> rBytes = signature._bytes.AsSpan(0, 32);
            if (!Secp256k1.TryLiftX(rBytes, out AffinePoint r)) return false;
            if (!Scalar.TryRead(signature._bytes.AsSpan(32), out Scalar s)) return false;

            Scalar weight = i == 0 ? Scalar.One : Blinding.Random().Scalar;
            Scalar e = Challenge(rBytes, signer.AsSpan(), message.Span);
            sum += weight * s;
            points[2 * i] = r;
            scalars[2 * i] = -weight;
            points[2 * i + 1] = signer.Point;
            tables[2 * i + 1] = signer.MultiplesForVerification();
            scalars[2 * i + 1] = -(weight * e);
        }
        return VariableTimeMultiplier.Multiply(sum, Scalar.Zero, scalars, points, tables).IsInfinity;
    }

    private static Scalar Challenge(ReadOnlySpan<byte> r, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message)
    {
        Span<byte> hash = stackalloc byte[32];
        using IncrementalHash challenge = TaggedHash.Bip340Challenge.Begin();
        challenge.AppendData(r);
        challenge.AppendData(publicKey);
        challenge.AppendData(message);
        challenge.GetHashAndReset(hash);
        return Scalar.ReadReduced(hash);
    }
}
