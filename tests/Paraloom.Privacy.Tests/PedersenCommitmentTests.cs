using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Paraloom.Privacy.Curve;
using Paraloom.Privacy.Tests.Curve;

namespace Paraloom.Privacy.Tests;

public class PedersenCommitmentTests
{
    [Fact]
    public void H_is_the_published_nothing_up_my_sleeve_generator()
    {
        Assert.Equal("50929b74c1a04954b78b4b6035e97a5e078a5a0f28ec96d547bfee9ace803ac0",
            Reference.ToBig(Generators.H.X).ToString(16).PadLeft(64, '0'));
        Assert.True(Reference.ToBc(Generators.H).IsValid());
        Assert.False(Generators.H.Equals(Generators.G));
    }

    [Fact]
    public void Commitments_add_with_summed_blindings()
    {
        Blinding ra = Blinding.Random(), rb = Blinding.Random();
        PedersenCommitment a = PedersenCommitment.Commit(CommitmentValue.OfAmount(1_250), ra);
        PedersenCommitment b = PedersenCommitment.Commit(CommitmentValue.OfAmount(750), rb);

        PedersenCommitment sum = a + b;
        Assert.Equal(PedersenCommitment.Commit(CommitmentValue.OfAmount(2_000), ra + rb), sum);
        Assert.True(sum.Opens(CommitmentValue.OfAmount(2_000), ra + rb));
        Assert.False(sum.Opens(CommitmentValue.OfAmount(2_001), ra + rb));
        Assert.Equal(a, sum - b);
        Assert.True((sum - a).Opens(CommitmentValue.OfAmount(750), (ra + rb) - ra));
    }

    [Fact]
    public void Wrong_openings_are_rejected()
    {
        Blinding r = Blinding.Random();
        CommitmentValue value = CommitmentValue.OfData("private input"u8);
        PedersenCommitment commitment = PedersenCommitment.Commit(value, r);

        Assert.True(commitment.Opens(value, r));
        Assert.True(commitment.Opens(CommitmentValue.OfData("private input"u8), Blinding.FromBytes(r.ExportBytes())));
        Assert.False(commitment.Opens(CommitmentValue.OfData("private inpuT"u8), r));
        Assert.False(commitment.Opens(value, Blinding.Random()));
        Assert.False(commitment.Opens(CommitmentValue.OfAmount(0), r));
    }

    [Fact]
    public void Commitments_hide_the_value_behind_a_fresh_blinding()
    {
        CommitmentValue value = CommitmentValue.OfAmount(42);
        Assert.NotEqual(PedersenCommitment.Commit(value, Blinding.Random()), PedersenCommitment.Commit(value, Blinding.Random()));
    }

    [Fact]
    public void Amounts_commit_through_the_short_scalar_path_to_the_same_point_as_full_scalars()
    {
        foreach (ulong amount in new ulong[] { 0, 1, 15, 16, 0xFFFF_FFFF, ulong.MaxValue })
        {
            ECPoint h = Reference.ToBc(Generators.H);
            ECPoint expected = Reference.G.Multiply(new BigInteger(amount.ToString())).Add(h.Multiply(BigInteger.Two)).Normalize();
            Blinding two = Blinding.FromBytes(Reference.Bytes32(BigInteger.Two));
            Assert.True(Reference.ToBc(PedersenCommitment.Commit(CommitmentValue.OfAmount(amount), two).Point).Equals(expected), $"amount {amount}");
        }
    }

    [Fact]
    public void Data_values_are_a_domain_separated_hash_not_the_raw_bytes()
    {
        Blinding r = Blinding.Random();
        byte[] raw = new byte[8];
        raw[7] = 5;
        Assert.NotEqual(PedersenCommitment.Commit(CommitmentValue.OfAmount(5), r), PedersenCommitment.Commit(CommitmentValue.OfData(raw), r));
        Assert.NotEqual(PedersenCommitment.Commit(CommitmentValue.OfData("a"u8), r), PedersenCommitment.Commit(CommitmentValue.OfData("b"u8), r));
    }

    [Fact]
    public void Encodings_round_trip_as_33_byte_compressed_points()
    {
        for (int i = 0; i < 16; i++)
        {
            PedersenCommitment commitment = PedersenCommitment.Commit(CommitmentValue.OfAmount((ulong)i), Blinding.Random());
            byte[] encoded = commitment.ToBytes();
            Assert.Equal(33, encoded.Length);
            Assert.Contains(encoded[0], new byte[] { 0x02, 0x03 });
            Assert.Equal(commitment, PedersenCommitment.FromBytes(encoded));
            Assert.Equal(commitment, PedersenCommitment.FromHex(commitment.ToHex()));
        }
    }

    [Fact]
    public void Infinity_off_curve_and_malformed_encodings_are_rejected()
    {
        byte[] valid = PedersenCommitment.Commit(CommitmentValue.OfAmount(9), Blinding.Random()).ToBytes();
        Assert.Throws<InvalidEncodingException>(() => PedersenCommitment.FromBytes(new byte[33]));
        Assert.Throws<InvalidEncodingException>(() => PedersenCommitment.FromBytes([0x00]));
        Assert.Throws<InvalidEncodingException>(() => PedersenCommitment.FromBytes(valid[..32]));
        Assert.Throws<InvalidEncodingException>(() => PedersenCommitment.FromBytes([0x04, .. valid[1..]]));
        Assert.Throws<InvalidEncodingException>(() => PedersenCommitment.FromBytes(Convert.FromHexString(
            "02EEFDEA4CDB677750A420FEE807EACF21EB9898AE79B9768766E4FAA04A2D4A34"))); // x not on the curve
        Assert.Throws<InvalidEncodingException>(() => PedersenCommitment.FromBytes(Convert.FromHexString(
            "02FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC30"))); // x above the field prime
    }

    [Fact]
    public void A_commitment_to_zero_with_zero_blinding_or_an_equal_difference_is_refused()
    {
        Blinding zero = Blinding.FromBytes(new byte[32]);
        Assert.Throws<InvalidOperationException>(() => PedersenCommitment.Commit(CommitmentValue.OfAmount(0), zero));
        PedersenCommitment c = PedersenCommitment.Commit(CommitmentValue.OfAmount(3), Blinding.Random());
        Assert.Throws<InvalidOperationException>(() => c - c);
    }

    [Fact]
    public void Blindings_are_secret_and_strictly_parsed()
    {
        Blinding r = Blinding.Random();
        Assert.DoesNotContain(Convert.ToHexString(r.ExportBytes()), r.ToString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("42", CommitmentValue.OfAmount(42).ToString());
        Assert.Throws<InvalidEncodingException>(() => Blinding.FromBytes(Reference.Bytes32(Reference.N)));
        Assert.Throws<InvalidEncodingException>(() => Blinding.FromBytes(new byte[31]));
    }

    [Fact]
    public void Fixed_base_tables_agree_with_plain_scalar_multiplication()
    {
        var scalars = new List<BigInteger> { BigInteger.Zero, BigInteger.One, Reference.N.Subtract(BigInteger.One), BigInteger.Two.Pow(255) };
        for (int i = 0; i < 8; i++) scalars.Add(Reference.ToBig(Blinding.Random().Scalar));
        ECPoint h = Reference.ToBc(Generators.H);
        foreach (BigInteger k in scalars)
        {
            Scalar scalar = Reference.ToScalar(k);
            Assert.True(Reference.SamePoint(Generators.MultiplyG(scalar), Reference.G.Multiply(k)), $"G·{k}");
            Assert.True(Reference.SamePoint(Generators.MultiplyH(scalar), h.Multiply(k)), $"H·{k}");
        }
    }

    [Fact]
    public void Tables_built_concurrently_give_the_same_results()
    {
        Scalar k = Blinding.Random().Scalar;
        ECPoint expected = Reference.ToBc(Generators.H).Multiply(Reference.ToBig(k)).Normalize();
        Parallel.For(0, 8, _ => Assert.True(Reference.SamePoint(Generators.MultiplyH(k), expected)));
    }
}
