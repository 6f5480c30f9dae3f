using System.Reflection;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Privacy.Tests;

/// <summary>
/// docs/cryptography.md §15: every holder of a secret zeroes the very buffer it kept the secret in when disposed, and
/// refuses to be used afterwards; the key file's document is composed in a buffer that is zeroed.
/// </summary>
public class SecretsInMemoryTests
{
    [Fact]
    public void Disposing_a_secret_key_zeroes_its_scalar_and_key_pair()
    {
        var key = SecretKey.Generate();
        byte[] secret = Buffer(key, "_secret"), keypair = Buffer(key, "_keypair");
        Assert.Contains(secret, b => b != 0);
        Assert.Contains(keypair, b => b != 0);
        key.Dispose();
        Assert.All(secret, b => Assert.Equal(0, b));
        Assert.All(keypair, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => key.Sign([1]));
        Assert.Throws<ObjectDisposedException>(() => key.ExportHex());
    }

    [Fact]
    public void Disposing_a_job_key_zeroes_it()
    {
        using var requester = SecretKey.Generate();
        var key = JobKey.CreateNew(requester, out _);
        byte[] bytes = Buffer(key, "_key");
        Assert.Contains(bytes, b => b != 0);
        key.Dispose();
        Assert.All(bytes, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => key.Key.Length);
    }

    [Fact]
    public void Disposing_a_blinding_or_committed_value_zeroes_it_and_it_can_no_longer_commit()
    {
        var blinding = Blinding.Random();
        var value = CommitmentValue.OfData("salaries"u8);
        byte[] r = Buffer(blinding, "_scalar"), v = Buffer(value, "_scalar");
        Assert.Contains(r, b => b != 0);
        Assert.Contains(v, b => b != 0);
        blinding.Dispose();
        value.Dispose();
        Assert.All(r, b => Assert.Equal(0, b));
        Assert.All(v, b => Assert.Equal(0, b));
        Assert.Throws<ObjectDisposedException>(() => blinding.ExportBytes());
        using var fresh = Blinding.Random();
        Assert.Throws<ObjectDisposedException>(() => PedersenCommitment.Commit(value, fresh));
        Assert.Throws<ObjectDisposedException>(() => fresh + blinding);
    }

    [Fact]
    public void The_job_protocol_still_seals_and_opens_with_its_openings_disposed()
    {
        using var requester = SecretKey.Generate();
        byte[] input = "{\"salaries\":[5100,4800,6200]}"u8.ToArray();
        PrivateJobInput submission = PrivateJobInput.Seal("job-1", "(module)"u8, input, requester);
        var context = PrivateJobContext.ForModule("job-1", "(module)"u8, submission.InputCommitment, requester.PublicKey, submission.Nonce);
        Assert.True(submission.OwnershipProof.Verify(context.OwnershipContext));
        using JobKey key = context.DeriveKey(requester);
        Assert.Equal(input, CommittedInput.Open(submission.SealedInput, key, context.Binding));
    }

    [Fact]
    public void A_secret_key_file_is_composed_in_a_pinned_buffer_that_is_zeroed()
    {
        using var key = SecretKey.Generate();
        string directory = Directory.CreateTempSubdirectory("paraloom-secrets-").FullName;
        try
        {
            KeyFilePaths paths = KeyFile.WriteNew(key, directory, "alice");
            Assert.Equal(
                $"{{\n  \"format\": \"paraloom-secret-key\",\n  \"version\": 1,\n  \"publicKey\": \"{key.PublicKey.ToHex()}\",\n  \"secretKey\": \"{key.ExportHex()}\"\n}}\n",
                File.ReadAllText(paths.SecretKeyPath));
            using SecretKey read = KeyFile.ReadSecretKey(paths.SecretKeyPath);
            Assert.Equal(key.PublicKey, read.PublicKey);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        var writer = new PinnedBufferWriter(64);
        "secret"u8.CopyTo(writer.GetSpan(6));
        writer.Advance(6);
        byte[] buffer = Buffer(writer, "_buffer");
        Assert.Throws<InvalidOperationException>(() => writer.GetSpan(59));
        writer.Dispose();
        Assert.All(buffer, b => Assert.Equal(0, b));
    }

    private static byte[] Buffer(object holder, string field) =>
        (byte[])holder.GetType().GetField(field, BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(holder)!;
}
