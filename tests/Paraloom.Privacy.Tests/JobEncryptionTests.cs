using System.Reflection;
using System.Text;

namespace Paraloom.Privacy.Tests;

public class JobEncryptionTests
{
    [Fact]
    public void The_requester_re_derives_the_same_job_key_from_the_stored_nonce()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out JobNonce nonce);
        using JobKey again = JobKey.Derive(job.Requester, JobNonce.FromHex(nonce.ToHex()));
        SealedInput sealedInput = SealedInput.Seal(key, job.Job, job.Input);
        Assert.Equal(job.Input, sealedInput.Open(again, job.Job));
    }

    [Fact]
    public void Job_keys_differ_per_nonce_and_per_requester()
    {
        using var job = new JobFixture();
        using SecretKey other = SecretKey.Generate();
        using JobKey key = JobKey.CreateNew(job.Requester, out JobNonce nonce);
        using JobKey secondJob = JobKey.CreateNew(job.Requester, out JobNonce secondNonce);
        using JobKey otherRequester = JobKey.Derive(other, nonce);
        Assert.NotEqual(nonce, secondNonce);
        SealedInput sealedInput = SealedInput.Seal(key, job.Job, job.Input);
        Assert.Throws<AuthenticationFailedException>(() => sealedInput.Open(secondJob, job.Job));
        Assert.Throws<AuthenticationFailedException>(() => sealedInput.Open(otherRequester, job.Job));
    }

    [Fact]
    public void Sealing_twice_uses_fresh_nonces()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        Assert.NotEqual(SealedInput.Seal(key, job.Job, job.Input).ToBytes(), SealedInput.Seal(key, job.Job, job.Input).ToBytes());
    }

    [Fact]
    public void Sealed_input_opens_only_under_its_own_job_binding()
    {
        using var job = new JobFixture();
        using var otherJob = new JobFixture("job-0002", job.Input);
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        SealedInput sealedInput = SealedInput.Seal(key, job.Job, job.Input);
        var otherModule = new JobBinding(job.Job.JobId, new byte[32], job.Commitment, job.Requester.PublicKey);
        var otherId = new JobBinding("job-0002", job.ModuleHash, job.Commitment, job.Requester.PublicKey);
        var otherCommitment = new JobBinding(job.Job.JobId, job.ModuleHash, otherJob.Commitment, job.Requester.PublicKey);
        var otherRequester = new JobBinding(job.Job.JobId, job.ModuleHash, job.Commitment, otherJob.Requester.PublicKey);
        foreach (JobBinding wrong in new[] { otherModule, otherId, otherCommitment, otherRequester })
            Assert.Throws<AuthenticationFailedException>(() => sealedInput.Open(key, wrong));
    }

    [Fact]
    public void Every_bit_flip_and_every_truncation_fails_with_one_error()
    {
        using var job = new JobFixture(input: "tiny"u8.ToArray());
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        byte[] sealedBytes = SealedInput.Seal(key, job.Job, job.Input).ToBytes();
        for (int bit = 0; bit < sealedBytes.Length * 8; bit++)
        {
            byte[] flipped = (byte[])sealedBytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Throws<AuthenticationFailedException>(() => SealedInput.FromBytes(flipped).Open(key, job.Job));
        }
        for (int length = 0; length < sealedBytes.Length; length++)
            Assert.Throws<AuthenticationFailedException>(() => SealedInput.FromBytes(sealedBytes.AsSpan(0, length)).Open(key, job.Job));
        Assert.Throws<AuthenticationFailedException>(() => SealedInput.FromBytes([.. sealedBytes, 0]).Open(key, job.Job));
    }

    [Fact]
    public void Empty_and_large_inputs_round_trip()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        byte[] large = new byte[1 << 20];
        Random.Shared.NextBytes(large);
        Assert.Empty(SealedInput.Seal(key, job.Job, []).Open(key, job.Job));
        Assert.Equal(large, SealedInput.FromBytes(SealedInput.Seal(key, job.Job, large).ToBytes()).Open(key, job.Job));
    }

    [Fact]
    public void The_authentication_error_reveals_nothing_specific()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        using JobKey wrong = JobKey.CreateNew(job.Requester, out _);
        var error = Assert.Throws<AuthenticationFailedException>(() => SealedInput.Seal(key, job.Job, job.Input).Open(wrong, job.Job));
        Assert.DoesNotContain("salaries", error.Message);
        Assert.Equal("JobKey(redacted)", key.ToString());
    }

    [Fact]
    public void Disposing_a_job_key_zeroes_it()
    {
        using var job = new JobFixture();
        JobKey key = JobKey.CreateNew(job.Requester, out _);
        var buffer = (byte[])typeof(JobKey).GetField("_key", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(key)!;
        Assert.Contains(buffer, b => b != 0);
        key.Dispose();
        Assert.All(buffer, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => SealedInput.Seal(key, job.Job, job.Input));
    }

    [Fact]
    public void Job_nonces_parse_strictly()
    {
        Assert.Throws<InvalidEncodingException>(() => JobNonce.FromBytes(new byte[31]));
        Assert.Throws<InvalidEncodingException>(() => JobNonce.FromHex("xyz"));
        Assert.Equal(new byte[32], JobNonce.FromBytes(new byte[32]).ToBytes());
    }

    [Fact]
    public void Job_keys_are_handed_to_each_cohort_member_and_to_nobody_else()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        SealedInput sealedInput = SealedInput.Seal(key, job.Job, job.Input);
        SecretKey[] cohort = [SecretKey.Generate(), SecretKey.Generate(), SecretKey.Generate()];
        using SecretKey outsider = SecretKey.Generate();
        try
        {
            foreach (SecretKey validator in cohort)
            {
                WrappedJobKey wrapped = WrappedJobKey.FromBytes(KeyWrap.Wrap(key, validator.PublicKey, job.Job).ToBytes());
                using JobKey unwrapped = KeyWrap.Unwrap(wrapped, validator, job.Job);
                Assert.Equal(job.Input, sealedInput.Open(unwrapped, job.Job));
                Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(wrapped, outsider, job.Job));
            }
        }
        finally
        {
            foreach (SecretKey validator in cohort) validator.Dispose();
        }
    }

    [Fact]
    public void A_wrapped_key_cannot_be_replayed_into_another_job_or_altered()
    {
        using var job = new JobFixture();
        using var otherJob = new JobFixture("job-0002");
        using SecretKey validator = SecretKey.Generate();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        byte[] wrapped = KeyWrap.Wrap(key, validator.PublicKey, job.Job).ToBytes();

        Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(WrappedJobKey.FromBytes(wrapped), validator, otherJob.Job));
        for (int i = 0; i < wrapped.Length; i++)
        {
            byte[] altered = (byte[])wrapped.Clone();
            altered[i] ^= 0x80;
            Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(WrappedJobKey.FromBytes(altered), validator, job.Job));
        }
        Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(WrappedJobKey.FromBytes(wrapped[..^1]), validator, job.Job));
        Assert.Throws<AuthenticationFailedException>(() => KeyWrap.Unwrap(WrappedJobKey.FromBytes([]), validator, job.Job));
    }

    [Fact]
    public void Wrapping_uses_a_fresh_ephemeral_key_each_time()
    {
        using var job = new JobFixture();
        using SecretKey validator = SecretKey.Generate();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        Assert.NotEqual(KeyWrap.Wrap(key, validator.PublicKey, job.Job).ToBytes(), KeyWrap.Wrap(key, validator.PublicKey, job.Job).ToBytes());
    }

    [Fact]
    public void Honest_executors_seal_identical_output_that_only_the_requester_opens()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out JobNonce nonce);
        using SecretKey first = SecretKey.Generate();
        using SecretKey second = SecretKey.Generate();
        using JobKey firstKey = KeyWrap.Unwrap(KeyWrap.Wrap(key, first.PublicKey, job.Job), first, job.Job);
        using JobKey secondKey = KeyWrap.Unwrap(KeyWrap.Wrap(key, second.PublicKey, job.Job), second, job.Job);
        byte[] output = Encoding.UTF8.GetBytes("{\"mean\":5366}");

        byte[] a = OutputSealer.Seal(firstKey, job.Job, 1, output).ToBytes();
        byte[] b = OutputSealer.Seal(secondKey, job.Job, 1, output).ToBytes();
        Assert.Equal(a, b);

        using JobKey requesterKey = JobKey.Derive(job.Requester, nonce);
        Assert.Equal(output, OutputSealer.Open(requesterKey, job.Job, 1, SealedOutput.FromBytes(a)));
    }

    [Fact]
    public void Different_outputs_and_attempts_never_share_a_nonce()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        byte[] honest = OutputSealer.Seal(key, job.Job, 1, "42"u8).ToBytes();
        byte[] faulty = OutputSealer.Seal(key, job.Job, 1, "43"u8).ToBytes();
        byte[] retry = OutputSealer.Seal(key, job.Job, 2, "42"u8).ToBytes();
        Assert.NotEqual(honest.AsSpan(1, 12).ToArray(), faulty.AsSpan(1, 12).ToArray());
        Assert.NotEqual(honest, retry);
        Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(key, job.Job, 2, SealedOutput.FromBytes(honest)));
        Assert.Throws<ArgumentOutOfRangeException>(() => OutputSealer.Seal(key, job.Job, -1, "42"u8));
    }

    [Fact]
    public void Altered_or_misattributed_output_fails_authentication()
    {
        using var job = new JobFixture();
        using var otherJob = new JobFixture("job-0002");
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        using JobKey wrongKey = JobKey.CreateNew(job.Requester, out _);
        byte[] sealedBytes = OutputSealer.Seal(key, job.Job, 1, "result"u8).ToBytes();
        Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(wrongKey, job.Job, 1, SealedOutput.FromBytes(sealedBytes)));
        Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(key, otherJob.Job, 1, SealedOutput.FromBytes(sealedBytes)));
        for (int i = 0; i < sealedBytes.Length; i++)
        {
            byte[] altered = (byte[])sealedBytes.Clone();
            altered[i] ^= 0x04;
            Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(key, job.Job, 1, SealedOutput.FromBytes(altered)));
        }
        Assert.Throws<AuthenticationFailedException>(() => OutputSealer.Open(key, job.Job, 1, SealedOutput.FromBytes(sealedBytes[..10])));
    }
}
