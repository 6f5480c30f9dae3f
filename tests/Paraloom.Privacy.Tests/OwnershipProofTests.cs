using System.Security.Cryptography;
using Reference = Paraloom.Privacy.Tests.BouncyCastleReference;

namespace Paraloom.Privacy.Tests;

public class OwnershipProofTests
{
    [Fact]
    public void A_proof_verifies_under_its_own_context()
    {
        using var job = new JobFixture();
        OwnershipProof proof = OwnershipProof.Create(job.Requester, job.Value, job.Blinding, job.Context());
        Assert.True(proof.Verify(job.Context()));
    }

    [Fact]
    public void Amount_openings_prove_too()
    {
        using SecretKey requester = SecretKey.Generate();
        Blinding r = Blinding.Random();
        PedersenCommitment c = PedersenCommitment.Commit(CommitmentValue.OfAmount(1_000_000), r);
        var context = new OwnershipContext(new JobBinding("j", new byte[32], c, requester.PublicKey), "submit");
        Assert.True(OwnershipProof.Create(requester, CommitmentValue.OfAmount(1_000_000), r, context).Verify(context));
    }

    [Fact]
    public void Openings_with_a_zero_value_or_a_zero_blinding_prove_too()
    {
        // libsecp256k1 refuses zero scalars, so these take the paths that leave a term out.
        using SecretKey requester = SecretKey.Generate();
        foreach ((ulong amount, Blinding blinding) in new[] { (0UL, Blinding.Random()), (7UL, Blinding.FromBytes(new byte[32])) })
        {
            PedersenCommitment c = PedersenCommitment.Commit(CommitmentValue.OfAmount(amount), blinding);
            var context = new OwnershipContext(new JobBinding("j", new byte[32], c, requester.PublicKey), "submit");
            OwnershipProof proof = OwnershipProof.Create(requester, CommitmentValue.OfAmount(amount), blinding, context);
            Assert.True(OwnershipProof.FromBytes(proof.ToBytes()).Verify(context), $"amount {amount}");
        }
    }

    public static TheoryData<string> TamperedFields() => new() { "job id", "module hash", "commitment", "requester", "purpose" };

    [Theory]
    [MemberData(nameof(TamperedFields))]
    public void Tampering_with_any_context_field_is_rejected(string field)
    {
        using var job = new JobFixture();
        using SecretKey stranger = SecretKey.Generate();
        OwnershipProof proof = OwnershipProof.Create(job.Requester, job.Value, job.Blinding, job.Context());
        byte[] otherModule = (byte[])job.ModuleHash.Clone();
        otherModule[0] ^= 1;

        OwnershipContext tampered = field switch
        {
            "job id" => new(new JobBinding("job-0002", job.ModuleHash, job.Commitment, job.Requester.PublicKey), "submit"),
            "module hash" => new(new JobBinding(job.Job.JobId, otherModule, job.Commitment, job.Requester.PublicKey), "submit"),
            "commitment" => new(new JobBinding(job.Job.JobId, job.ModuleHash,
                PedersenCommitment.Commit(job.Value, Blinding.Random()), job.Requester.PublicKey), "submit"),
            "requester" => new(new JobBinding(job.Job.JobId, job.ModuleHash, job.Commitment, stranger.PublicKey), "submit"),
            "purpose" => job.Context("fetch-result"),
            _ => throw new ArgumentOutOfRangeException(nameof(field)),
        };
        Assert.False(proof.Verify(tampered));
    }

    [Fact]
    public void A_proof_for_one_job_and_key_does_not_verify_for_another()
    {
        using var first = new JobFixture("job-A");
        using var second = new JobFixture("job-B", first.Input);
        OwnershipProof proof = OwnershipProof.Create(first.Requester, first.Value, first.Blinding, first.Context());
        Assert.False(proof.Verify(second.Context()));
        Assert.True(OwnershipProof.Create(second.Requester, second.Value, second.Blinding, second.Context()).Verify(second.Context()));
    }

    [Fact]
    public void Every_byte_altered_in_the_encoding_is_rejected()
    {
        using var job = new JobFixture();
        byte[] encoded = OwnershipProof.Create(job.Requester, job.Value, job.Blinding, job.Context()).ToBytes();
        for (int i = 0; i < encoded.Length; i++)
        {
            byte[] altered = (byte[])encoded.Clone();
            altered[i] ^= 0x01;
            bool accepted;
            try
            {
                accepted = OwnershipProof.FromBytes(altered).Verify(job.Context());
            }
            catch (InvalidEncodingException)
            {
                accepted = false;
            }
            Assert.False(accepted, $"byte {i}");
        }
    }

    [Fact]
    public void Encoding_round_trips()
    {
        using var job = new JobFixture();
        OwnershipProof proof = OwnershipProof.Create(job.Requester, job.Value, job.Blinding, job.Context());
        byte[] encoded = proof.ToBytes();
        Assert.Equal(OwnershipProof.Size, encoded.Length);
        OwnershipProof parsed = OwnershipProof.FromBytes(encoded);
        Assert.Equal(encoded, parsed.ToBytes());
        Assert.True(parsed.Verify(job.Context()));
    }

    [Fact]
    public void Parsing_is_strict()
    {
        using var job = new JobFixture();
        byte[] encoded = OwnershipProof.Create(job.Requester, job.Value, job.Blinding, job.Context()).ToBytes();

        Assert.Throws<InvalidEncodingException>(() => OwnershipProof.FromBytes(encoded[..^1]));
        Assert.Throws<InvalidEncodingException>(() => OwnershipProof.FromBytes([.. encoded, 0]));
        Assert.Throws<InvalidEncodingException>(() => OwnershipProof.FromBytes([2, .. encoded[1..]]));
        for (int scalar = 0; scalar < 4; scalar++)
        {
            byte[] outOfRange = (byte[])encoded.Clone();
            Reference.Bytes32(Reference.N).CopyTo(outOfRange.AsSpan(1 + 32 * scalar));
            Assert.Throws<InvalidEncodingException>(() => OwnershipProof.FromBytes(outOfRange));
        }
        byte[] zeroChallenge = (byte[])encoded.Clone();
        zeroChallenge.AsSpan(1, 32).Clear();
        Assert.Throws<InvalidEncodingException>(() => OwnershipProof.FromBytes(zeroChallenge));
    }

    [Fact]
    public void Creating_a_proof_that_could_not_verify_is_refused()
    {
        using var job = new JobFixture();
        using SecretKey stranger = SecretKey.Generate();
        Assert.Throws<ArgumentException>(() => OwnershipProof.Create(stranger, job.Value, job.Blinding, job.Context()));
        Assert.Throws<ArgumentException>(() => OwnershipProof.Create(job.Requester, CommitmentValue.OfData("other"u8), job.Blinding, job.Context()));
        Assert.Throws<ArgumentException>(() => OwnershipProof.Create(job.Requester, job.Value, Blinding.Random(), job.Context()));
    }

    [Fact]
    public void Contexts_validate_their_fields()
    {
        using var job = new JobFixture();
        PublicKey pk = job.Requester.PublicKey;
        Assert.Throws<ArgumentException>(() => new JobBinding("", job.ModuleHash, job.Commitment, pk));
        Assert.Throws<ArgumentException>(() => new JobBinding("j", new byte[31], job.Commitment, pk));
        Assert.Throws<ArgumentException>(() => new JobBinding(new string('x', 257), job.ModuleHash, job.Commitment, pk));
        Assert.Throws<ArgumentException>(() => new OwnershipContext(job.Job, ""));
    }

    [Fact]
    public void Length_prefixes_keep_adjacent_fields_from_sliding_into_each_other()
    {
        using var job = new JobFixture("ab");
        OwnershipProof proof = OwnershipProof.Create(job.Requester, job.Value, job.Blinding, new OwnershipContext(job.Job, "c"));
        var shifted = new JobBinding("a", job.ModuleHash, job.Commitment, job.Requester.PublicKey);
        Assert.False(proof.Verify(new OwnershipContext(shifted, "bc")));
        Assert.False(CryptographicOperations.FixedTimeEquals(job.Job.Encoded, shifted.Encoded));
    }
}
