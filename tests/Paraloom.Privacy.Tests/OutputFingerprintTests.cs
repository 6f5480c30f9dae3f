using System.Security.Cryptography;

namespace Paraloom.Privacy.Tests;

public class OutputFingerprintTests
{
    [Fact]
    public void Equal_outputs_have_one_fingerprint_in_every_attempt_while_their_sealed_bytes_differ()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        byte[] output = "{\"mean\":5366}"u8.ToArray();

        Assert.NotEqual(OutputSealer.Seal(key, job.Job, 1, output).ToBytes(), OutputSealer.Seal(key, job.Job, 2, output).ToBytes());
        Assert.Equal(OutputFingerprint.Compute(key, job.Job, output), OutputFingerprint.Compute(key, job.Job, output.ToArray()));
    }

    [Fact]
    public void A_different_output_of_the_same_length_has_another_fingerprint()
    {
        using var job = new JobFixture();
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        byte[] output = "{\"mean\":5366}"u8.ToArray();
        byte[] forged = output.ToArray();
        forged[^2] ^= 1;

        Assert.NotEqual(OutputFingerprint.Compute(key, job.Job, output), OutputFingerprint.Compute(key, job.Job, forged));
    }

    [Fact]
    public void The_fingerprint_depends_on_the_job_key_and_binding_so_a_guess_cannot_be_checked_without_them()
    {
        using var job = new JobFixture();
        using var otherJob = new JobFixture("job-0002", job.Input);
        using JobKey key = JobKey.CreateNew(job.Requester, out _);
        using JobKey otherKey = JobKey.CreateNew(job.Requester, out _);
        byte[] output = "{\"mean\":5366}"u8.ToArray();
        byte[] fingerprint = OutputFingerprint.Compute(key, job.Job, output);

        Assert.Equal(OutputFingerprint.Size, fingerprint.Length);
        Assert.NotEqual(fingerprint, OutputFingerprint.Compute(otherKey, job.Job, output));
        Assert.NotEqual(fingerprint, OutputFingerprint.Compute(key, otherJob.Job, output));
        Assert.NotEqual(fingerprint, SHA256.HashData(output));
    }
}
