using CsCheck;
using Org.BouncyCastle.Math;
using Bc = Paraloom.Privacy.Tests.BouncyCastleReference;

namespace Paraloom.Privacy.Tests.Properties;

/// <summary>
/// Commitments add exactly as amounts do — at the 64-bit edges too, where the sum leaves the u64 range but not the
/// scalar field — and open only with their own value and blinding.
/// </summary>
public class CommitmentPropertyTests
{
    /// <summary>Amounts, with the edges (0, 1, 2^63, 2^64 − 1 and their neighbours) drawn often.</summary>
    private static readonly Gen<ulong> Amount = Gen.Frequency(
        (3, (IGen<ulong>)Gen.ULong),
        (1, Gen.OneOf(0UL, 1UL, 2UL, (1UL << 63) - 1, 1UL << 63, ulong.MaxValue - 1, ulong.MaxValue)));

    private static readonly Gen<Blinding> RandomBlinding = Gen.Byte.Array[32].Select(seed => Blinding.FromBytes(Scalar(seed)));

    [Fact]
    public void Sums_and_differences_of_commitments_commit_to_sums_and_differences_of_amounts()
    {
        Gen.Select(Amount, Amount, RandomBlinding, RandomBlinding).Sample((a, b, r, s) =>
        {
            PedersenCommitment ca = PedersenCommitment.Commit(CommitmentValue.OfAmount(a), r);
            PedersenCommitment cb = PedersenCommitment.Commit(CommitmentValue.OfAmount(b), s);
            BigInteger sum = Big(a).Add(Big(b));
            Assert.Equal(Bc.Commit(sum.Mod(Bc.N), Bc.ToBig((r + s).ExportBytes())), (ca + cb).ToBytes());
            if (sum.BitLength <= 64)
                Assert.True((ca + cb).Opens(CommitmentValue.OfAmount(a + b), r + s));
            if (a > b)
                Assert.True((ca - cb).Opens(CommitmentValue.OfAmount(a - b), r - s));
        }, iter: PropertyRuns.Of(150));
    }

    [Fact]
    public void A_commitment_does_not_open_with_a_wrong_value_or_blinding()
    {
        Gen.Select(Amount, Gen.ULong[1, ulong.MaxValue], RandomBlinding, Gen.Byte.Array[1, 64]).Sample((amount, delta, blinding, data) =>
        {
            PedersenCommitment commitment = PedersenCommitment.Commit(CommitmentValue.OfAmount(amount), blinding);
            Assert.True(commitment.Opens(CommitmentValue.OfAmount(amount), blinding));
            Assert.False(commitment.Opens(CommitmentValue.OfAmount(unchecked(amount + delta)), blinding));
            Assert.False(commitment.Opens(CommitmentValue.OfAmount(amount), blinding + Blinding.FromBytes(Scalar(BitConverter.GetBytes(delta)))));
            Assert.False(commitment.Opens(CommitmentValue.OfData(data), blinding));

            PedersenCommitment ofData = PedersenCommitment.Commit(CommitmentValue.OfData(data), blinding);
            Assert.False(ofData.Opens(CommitmentValue.OfData([.. data, 0]), blinding));
            Assert.False(ofData.Opens(CommitmentValue.OfData(data[1..]), blinding));
        }, iter: PropertyRuns.Of(150));
    }

    /// <summary>Random bytes reduced to a non-zero scalar below n.</summary>
    private static byte[] Scalar(byte[] seed)
    {
        BigInteger value = Bc.ToBig(seed).Mod(Bc.N.Subtract(BigInteger.One)).Add(BigInteger.One);
        return Bc.Bytes32(value);
    }

    private static BigInteger Big(ulong value) => new(value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
