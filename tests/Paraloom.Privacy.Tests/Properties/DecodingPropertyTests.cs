using CsCheck;
using Org.BouncyCastle.Math;
using Bc = Paraloom.Privacy.Tests.BouncyCastleReference;

namespace Paraloom.Privacy.Tests.Properties;

/// <summary>
/// Decoding accepts only canonical encodings: keys and commitments exactly when BouncyCastle finds the point on the
/// curve with x below p, scalars below n (and non-zero where zero is not allowed), exact lengths; a signature whose s
/// is raised by n — the same value mod n — does not verify.
/// </summary>
public class DecodingPropertyTests
{
    private static readonly BigInteger P = new("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f", 16);
    private static readonly BigInteger Two256 = BigInteger.One.ShiftLeft(256);

    /// <summary>Values from [low, 2^256), as 32 big-endian bytes.</summary>
    private static Gen<byte[]> AtLeast(BigInteger low) =>
        Gen.Byte.Array[32].Select(seed => Bc.Bytes32(low.Add(Bc.ToBig(seed).Mod(Two256.Subtract(low)))));

    private static Gen<byte[]> WrongLength(int size) => Gen.Int[0, 2 * size + 2].Where(length => length != size).SelectMany(length => Gen.Byte.Array[length]);

    [Fact]
    public void A_public_key_parses_exactly_when_its_x_is_on_the_curve()
    {
        Gen.Byte.Array[32].Sample(x =>
        {
            bool onCurve = Bc.LiftX(x) is not null;
            Assert.Equal(onCurve, Parses(() => PublicKey.FromBytes(x)));
        }, iter: PropertyRuns.Of(300));
        AtLeast(P).Sample(x => Assert.False(Parses(() => PublicKey.FromBytes(x))), iter: PropertyRuns.Of(100));
        WrongLength(PublicKey.Size).Sample(bytes => Assert.False(Parses(() => PublicKey.FromBytes(bytes))), iter: PropertyRuns.Of(100));
    }

    [Fact]
    public void A_commitment_parses_exactly_when_it_is_a_compressed_point_on_the_curve()
    {
        Gen.Select(Gen.Byte, Gen.Byte.Array[32]).Sample((prefix, x) =>
        {
            bool canonical = prefix is 2 or 3 && Bc.LiftX(x) is not null;
            Assert.Equal(canonical, Parses(() => PedersenCommitment.FromBytes([prefix, .. x])));
        }, iter: PropertyRuns.Of(300));
        Gen.Select(Gen.Int[2, 3], AtLeast(P)).Sample((prefix, x) =>
            Assert.False(Parses(() => PedersenCommitment.FromBytes([(byte)prefix, .. x]))), iter: PropertyRuns.Of(100));
        WrongLength(PedersenCommitment.Size).Sample(bytes => Assert.False(Parses(() => PedersenCommitment.FromBytes(bytes))), iter: PropertyRuns.Of(100));
        // The uncompressed form of a valid point is not the encoding either.
        Assert.False(Parses(() => PedersenCommitment.FromBytes(Bc.G.GetEncoded(compressed: false))));
    }

    [Fact]
    public void Scalars_must_be_below_n_and_secret_keys_non_zero()
    {
        AtLeast(Bc.N).Sample(scalar =>
        {
            Assert.False(Parses(() => SecretKey.FromBytes(scalar)));
            Assert.False(Parses(() => Blinding.FromBytes(scalar)));
        }, iter: PropertyRuns.Of(200));
        Gen.Byte.Array[32].Select(seed => Bc.Bytes32(Bc.ToBig(seed).Mod(Bc.N))).Sample(scalar =>
        {
            Assert.Equal(Bc.ToBig(scalar).SignValue != 0, Parses(() => SecretKey.FromBytes(scalar)));
            Assert.True(Parses(() => Blinding.FromBytes(scalar)));
        }, iter: PropertyRuns.Of(200));
        Assert.False(Parses(() => SecretKey.FromBytes(new byte[32])));
        Assert.True(Parses(() => Blinding.FromBytes(new byte[32])));
        WrongLength(32).Sample(bytes =>
        {
            Assert.False(Parses(() => SecretKey.FromBytes(bytes)));
            Assert.False(Parses(() => Blinding.FromBytes(bytes)));
            Assert.False(Parses(() => JobNonce.FromBytes(bytes)));
        }, iter: PropertyRuns.Of(100));
    }

    [Fact]
    public void An_ownership_proof_parses_only_with_its_version_length_scalars_below_n_and_a_non_zero_challenge()
    {
        using var job = new JobFixture();
        byte[] proof = OwnershipProof.Create(job.Requester, job.Value, job.Blinding, job.Context()).ToBytes();
        Gen.Select(Gen.Int[0, 3], AtLeast(Bc.N)).Sample((position, scalar) =>
        {
            byte[] changed = (byte[])proof.Clone();
            scalar.CopyTo(changed, 1 + 32 * position);
            Assert.False(Parses(() => OwnershipProof.FromBytes(changed)));
        }, iter: PropertyRuns.Of(200));
        Gen.Byte.Where(version => version != 1).Sample(version => Assert.False(Parses(() => OwnershipProof.FromBytes([version, .. proof[1..]]))), iter: PropertyRuns.Of(50));
        WrongLength(OwnershipProof.Size).Sample(bytes => Assert.False(Parses(() => OwnershipProof.FromBytes(bytes))), iter: PropertyRuns.Of(100));
        byte[] zeroChallenge = (byte[])proof.Clone();
        Array.Clear(zeroChallenge, 1, 32);
        Assert.False(Parses(() => OwnershipProof.FromBytes(zeroChallenge)));
        Assert.True(OwnershipProof.FromBytes(proof).Verify(job.Context()));
    }

    [Fact]
    public void A_signature_is_64_bytes_and_one_with_s_raised_by_n_or_r_raised_by_p_does_not_verify()
    {
        using SecretKey key = SecretKey.Generate();
        Gen.Byte.Array[0, 64].Sample(message =>
        {
            byte[] signature = key.Sign(message).ToBytes();
            BigInteger s = Bc.ToBig(signature.AsSpan(32)), r = Bc.ToBig(signature.AsSpan(0, 32));
            if (s.Add(Bc.N).CompareTo(Two256) < 0)
                Assert.False(key.PublicKey.Verify(message, SchnorrSignature.FromBytes([.. signature[..32], .. Bc.Bytes32(s.Add(Bc.N))])));
            if (r.Add(P).CompareTo(Two256) < 0)
                Assert.False(key.PublicKey.Verify(message, SchnorrSignature.FromBytes([.. Bc.Bytes32(r.Add(P)), .. signature[32..]])));
        }, iter: PropertyRuns.Of(100));
        // s ≥ n in general, whatever the rest.
        Gen.Select(Gen.Byte.Array[32], AtLeast(Bc.N)).Sample((r, s) =>
            Assert.False(key.PublicKey.Verify([], SchnorrSignature.FromBytes([.. r, .. s]))), iter: PropertyRuns.Of(100));
        WrongLength(SchnorrSignature.Size).Sample(bytes => Assert.False(Parses(() => SchnorrSignature.FromBytes(bytes))), iter: PropertyRuns.Of(100));
    }

    [Fact]
    public void A_wrapped_key_whose_ephemeral_key_is_off_the_curve_or_whose_length_is_wrong_does_not_open()
    {
        using var job = new JobFixture();
        using SecretKey validator = SecretKey.Generate();
        using JobKey jobKey = JobKey.CreateNew(job.Requester, out _);
        byte[] wrapped = KeyWrap.Wrap(jobKey, validator.PublicKey, job.Job).ToBytes();
        Gen.Byte.Array[32].Where(x => Bc.LiftX(x) is null).Sample(x =>
            Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(WrappedJobKey.FromBytes([.. x, .. wrapped[32..]]), validator, job.Job)),
            iter: PropertyRuns.Of(100));
        byte[] padded = [.. wrapped, .. new byte[200]];
        Gen.Int[0, 200].Where(length => length != wrapped.Length).Sample(length =>
            Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(WrappedJobKey.FromBytes(padded[..length]), validator, job.Job)),
            iter: PropertyRuns.Of(100));
    }

    /// <summary>Whether decoding succeeded; only <see cref="InvalidEncodingException"/> counts as a refusal.</summary>
    private static bool Parses(Func<object> decode)
    {
        try
        {
            decode();
            return true;
        }
        catch (InvalidEncodingException)
        {
            return false;
        }
    }
}
