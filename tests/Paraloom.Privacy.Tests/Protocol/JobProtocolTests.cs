using System.Security.Cryptography;
using System.Text;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Privacy.Tests.Protocol;

public class JobProtocolTests
{
    private static readonly byte[] Module = [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00];
    private static readonly byte[] Input = Encoding.UTF8.GetBytes("salary=123456");

    [Fact]
    public void A_sealed_private_input_opens_to_the_committed_data_and_its_proof_holds()
    {
        using SecretKey requester = SecretKey.Generate();
        var input = PrivateJobInput.Seal("job-1", Module, Input, requester);
        var context = PrivateJobContext.ForModule("job-1", Module, input.InputCommitment, requester.PublicKey, input.Nonce);

        using JobKey key = context.DeriveKey(requester);

        Assert.Equal(Input, CommittedInput.Open(input.SealedInput, key, context.Binding));
        Assert.True(input.OwnershipProof.Verify(context.OwnershipContext));
        Assert.DoesNotContain("salary", input.ToString());
    }

    [Fact]
    public void An_input_other_than_the_committed_one_is_refused_without_revealing_it()
    {
        using SecretKey requester = SecretKey.Generate();
        var blinding = Blinding.Random();
        var commitment = PedersenCommitment.Commit(CommitmentValue.OfData(Input), blinding);
        using JobKey key = JobKey.CreateNew(requester, out JobNonce nonce);
        var context = PrivateJobContext.ForModule("job-2", Module, commitment, requester.PublicKey, nonce);
        var swapped = CommittedInput.Seal(key, context.Binding, blinding, Encoding.UTF8.GetBytes("salary=999999"));
        var otherBlinding = CommittedInput.Seal(key, context.Binding, Blinding.Random(), Input);

        var mismatch = Assert.Throws<InputCommitmentMismatchException>(() => CommittedInput.Open(swapped, key, context.Binding));
        Assert.Throws<InputCommitmentMismatchException>(() => CommittedInput.Open(otherBlinding, key, context.Binding));

        Assert.Contains("job-2", mismatch.Message);
        Assert.DoesNotContain("salary", mismatch.Message);
    }

    [Fact]
    public void A_sealed_input_without_the_opening_is_malformed()
    {
        using SecretKey requester = SecretKey.Generate();
        var commitment = PedersenCommitment.Commit(CommitmentValue.OfData(Input), Blinding.Random());
        using JobKey key = JobKey.CreateNew(requester, out JobNonce nonce);
        var context = PrivateJobContext.ForModule("job-3", Module, commitment, requester.PublicKey, nonce);

        Assert.Throws<InvalidEncodingException>(() => CommittedInput.Open(SealedInput.Seal(key, context.Binding, Input), key, context.Binding));
        Assert.Throws<InvalidEncodingException>(() => CommittedInput.Open(SealedInput.Seal(key, context.Binding, [1, 2]), key, context.Binding));
    }

    [Fact]
    public void Only_the_requester_opens_the_output_and_only_for_its_attempt()
    {
        using SecretKey requester = SecretKey.Generate();
        using SecretKey stranger = SecretKey.Generate();
        var input = PrivateJobInput.Seal("job-4", Module, Input, requester);
        var context = new PrivateJobContext("job-4", SHA256.HashData(Module), input.InputCommitment, requester.PublicKey, input.Nonce);
        using JobKey key = context.DeriveKey(requester);
        var output = OutputSealer.Seal(key, context.Binding, 2, Input);

        Assert.Equal(Input, context.OpenOutput(requester, 2, output));
        Assert.Throws<AuthenticationFailedException>(() => context.OpenOutput(requester, 1, output));
        Assert.Throws<ArgumentException>(() => context.OpenOutput(stranger, 2, output));
    }

    [Fact]
    public void A_result_authorisation_is_valid_only_for_its_signer_job_and_challenge()
    {
        using SecretKey requester = SecretKey.Generate();
        using SecretKey stranger = SecretKey.Generate();
        var challenge = RandomNumberGenerator.GetBytes(32);

        var signature = ResultAuthorization.Sign(requester, "job-5", challenge);

        Assert.True(ResultAuthorization.Verify(requester.PublicKey, "job-5", challenge, signature));
        Assert.False(ResultAuthorization.Verify(requester.PublicKey, "job-6", challenge, signature));
        Assert.False(ResultAuthorization.Verify(requester.PublicKey, "job-5", RandomNumberGenerator.GetBytes(32), signature));
        Assert.False(ResultAuthorization.Verify(stranger.PublicKey, "job-5", challenge, signature));
    }
}
