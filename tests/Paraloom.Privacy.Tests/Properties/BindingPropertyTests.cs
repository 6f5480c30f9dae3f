using System.Security.Cryptography;
using CsCheck;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Privacy.Tests.Properties;

/// <summary>
/// What is made for one job never serves another: a proof, sealed input, wrapped key or sealed output bound to one
/// job id, module, commitment, requester, purpose, validator or attempt is refused for any other.
/// </summary>
public sealed class BindingPropertyTests : IDisposable
{
    private readonly SealedJob _sealed = new();
    private readonly byte[] _fingerprint;

    public BindingPropertyTests() => _fingerprint = OutputFingerprint.Compute(_sealed.JobKey, _sealed.Job.Job, _sealed.Output);

    /// <summary>Another job: one of its id, module hash, commitment or requester differs from the fixture's.</summary>
    private Gen<JobBinding> OtherJob(SecretKey otherRequester) => Gen.Int[0, 3].SelectMany(field => Gen.String[1, 40].Select(Gen.Byte.Array[32], (id, hash) =>
    {
        JobBinding job = _sealed.Job.Job;
        return field switch
        {
            0 => new JobBinding(id == job.JobId ? id + "x" : id, job.ModuleHash, job.InputCommitment, job.Requester),
            1 => new JobBinding(job.JobId, hash.AsSpan().SequenceEqual(job.ModuleHash) ? SHA256.HashData(hash) : hash, job.InputCommitment, job.Requester),
            2 => new JobBinding(job.JobId, job.ModuleHash, PedersenCommitment.Commit(CommitmentValue.OfData(hash), Blinding.Random()), job.Requester),
            _ => new JobBinding(job.JobId, job.ModuleHash, job.InputCommitment, otherRequester.PublicKey),
        };
    }));

    [Fact]
    public void Nothing_made_for_one_job_verifies_or_opens_for_another()
    {
        using SecretKey otherRequester = SecretKey.Generate();
        OtherJob(otherRequester).Sample(other =>
        {
            Assert.False(_sealed.Proof.Verify(new OwnershipContext(other, "submit")));
            Assert.Throws<AuthenticationFailedException>(() => CommittedInput.Open(_sealed.SealedInput, _sealed.JobKey, other));
            Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(_sealed.Wrapped, _sealed.Validator, other));
            Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(_sealed.JobKey, other, SealedJob.Attempt, _sealed.SealedOutput));
            Assert.NotEqual(_fingerprint, OutputFingerprint.Compute(_sealed.JobKey, other, _sealed.Output));
        }, iter: PropertyRuns.Of(200));
    }

    [Fact]
    public void A_proof_holds_for_its_own_purpose_and_key_only()
    {
        Gen.String[1, 60].Where(purpose => purpose != "submit").Sample(purpose =>
            Assert.False(_sealed.Proof.Verify(new OwnershipContext(_sealed.Job.Job, purpose))), iter: PropertyRuns.Of(200));
        using SecretKey stranger = SecretKey.Generate();
        Assert.Throws<ArgumentException>(() => OwnershipProof.Create(stranger, _sealed.Job.Value, _sealed.Job.Blinding, _sealed.Job.Context()));
        Assert.True(_sealed.Proof.Verify(_sealed.Job.Context()));
    }

    [Fact]
    public void A_wrapped_key_opens_for_its_validator_only_and_an_output_for_its_attempt_only()
    {
        Gen.Int[0, 1_000_000].Where(attempt => attempt != SealedJob.Attempt).Sample(attempt =>
        {
            using SecretKey otherValidator = SecretKey.Generate();
            using JobKey otherKey = JobKey.CreateNew(_sealed.Job.Requester, out _);
            Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(_sealed.Wrapped, otherValidator, _sealed.Job.Job));
            Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(_sealed.JobKey, _sealed.Job.Job, attempt, _sealed.SealedOutput));
            Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(otherKey, _sealed.Job.Job, SealedJob.Attempt, _sealed.SealedOutput));
            Assert.Throws<AuthenticationFailedException>(() => CommittedInput.Open(_sealed.SealedInput, otherKey, _sealed.Job.Job));
        }, iter: PropertyRuns.Of(100));
    }

    public void Dispose() => _sealed.Dispose();
}
