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
    private readonly JobFixture _job = new();
    private readonly SecretKey _validator = SecretKey.Generate();
    private readonly JobKey _jobKey;
    private readonly OwnershipProof _proof;
    private readonly SealedInput _sealedInput;
    private readonly WrappedJobKey _wrapped;
    private readonly SealedOutput _sealedOutput;
    private readonly byte[] _fingerprint;

    public BindingPropertyTests()
    {
        _jobKey = JobKey.CreateNew(_job.Requester, out _);
        _proof = OwnershipProof.Create(_job.Requester, _job.Value, _job.Blinding, _job.Context());
        _sealedInput = CommittedInput.Seal(_jobKey, _job.Job, _job.Blinding, _job.Input);
        _wrapped = KeyWrap.Wrap(_jobKey, _validator.PublicKey, _job.Job);
        _sealedOutput = OutputSealer.Seal(_jobKey, _job.Job, 1, "{\"mean\":5366}"u8);
        _fingerprint = OutputFingerprint.Compute(_jobKey, _job.Job, "{\"mean\":5366}"u8);
    }

    /// <summary>Another job: one of its id, module hash, commitment or requester differs from the fixture's.</summary>
    private Gen<JobBinding> OtherJob(SecretKey otherRequester) => Gen.Int[0, 3].SelectMany(field => Gen.String[1, 40].Select(Gen.Byte.Array[32], (id, hash) =>
    {
        JobBinding job = _job.Job;
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
            Assert.False(_proof.Verify(new OwnershipContext(other, "submit")));
            Assert.Throws<AuthenticationFailedException>(() => CommittedInput.Open(_sealedInput, _jobKey, other));
            Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(_wrapped, _validator, other));
            Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(_jobKey, other, 1, _sealedOutput));
            Assert.NotEqual(_fingerprint, OutputFingerprint.Compute(_jobKey, other, "{\"mean\":5366}"u8));
        }, iter: PropertyRuns.Of(200));
    }

    [Fact]
    public void A_proof_holds_for_its_own_purpose_and_key_only()
    {
        Gen.String[1, 60].Where(purpose => purpose != "submit").Sample(purpose =>
            Assert.False(_proof.Verify(new OwnershipContext(_job.Job, purpose))), iter: PropertyRuns.Of(200));
        using SecretKey stranger = SecretKey.Generate();
        Assert.Throws<ArgumentException>(() => OwnershipProof.Create(stranger, _job.Value, _job.Blinding, _job.Context()));
        Assert.True(_proof.Verify(_job.Context()));
    }

    [Fact]
    public void A_wrapped_key_opens_for_its_validator_only_and_an_output_for_its_attempt_only()
    {
        Gen.Int[0, 1_000_000].Where(attempt => attempt != 1).Sample(attempt =>
        {
            using SecretKey otherValidator = SecretKey.Generate();
            using JobKey otherKey = JobKey.CreateNew(_job.Requester, out _);
            Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(_wrapped, otherValidator, _job.Job));
            Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(_jobKey, _job.Job, attempt, _sealedOutput));
            Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(otherKey, _job.Job, 1, _sealedOutput));
            Assert.Throws<AuthenticationFailedException>(() => CommittedInput.Open(_sealedInput, otherKey, _job.Job));
        }, iter: PropertyRuns.Of(100));
    }

    public void Dispose()
    {
        _jobKey.Dispose();
        _validator.Dispose();
        _job.Dispose();
    }
}
