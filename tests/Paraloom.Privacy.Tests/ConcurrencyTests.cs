namespace Paraloom.Privacy.Tests;

/// <summary>The one shared libsecp256k1 context used from many threads at once.</summary>
public class ConcurrencyTests
{
    [Fact]
    public void Concurrent_verifications_with_a_fresh_key_instance_all_succeed()
    {
        using SecretKey key = SecretKey.Generate();
        byte[] message = "concurrent vote"u8.ToArray();
        SchnorrSignature signature = key.Sign(message);
        PublicKey fresh = PublicKey.FromBytes(key.PublicKey.ToBytes());
        byte[] wrongMessage = "another vote"u8.ToArray();

        bool[] results = new bool[64];
        bool[] wrong = new bool[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            results[i] = fresh.Verify(message, signature);
            wrong[i] = fresh.Verify(wrongMessage, signature);
        });
        Assert.All(results, Assert.True);
        Assert.All(wrong, Assert.False);
    }

    [Fact]
    public void Concurrent_commitments_and_proofs_agree()
    {
        using var job = new JobFixture();
        OwnershipContext context = job.Context();
        bool[] verified = new bool[16];
        Parallel.For(0, verified.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            Assert.Equal(job.Commitment, PedersenCommitment.Commit(job.Value, job.Blinding));
            verified[i] = OwnershipProof.Create(job.Requester, job.Value, job.Blinding, context).Verify(context);
        });
        Assert.All(verified, Assert.True);
    }
}
