using Paraloom.Privacy;

namespace Paraloom.Client.Tests;

public sealed class JobBuilderTests : IDisposable
{
    private readonly SecretKey _requester = SecretKey.Generate();

    public void Dispose() => _requester.Dispose();

    [Fact]
    public void A_job_needs_a_module_an_input_and_a_requester()
    {
        Assert.Contains("Wasm", Assert.Throws<InvalidOperationException>(() => Job.Builder().Input([1]).Build()).Message);
        Assert.Contains("Input", Assert.Throws<InvalidOperationException>(() => Job.Builder().Wasm([0]).Build()).Message);
        Assert.Contains("RequestedBy", Assert.Throws<InvalidOperationException>(() => Job.Builder().Wasm([0]).Input([1]).Build()).Message);
    }

    [Fact]
    public void A_private_job_needs_the_requesters_own_secret()
    {
        using var other = SecretKey.Generate();
        var unsigned = Job.Builder().Wasm([0]).PrivateInput([1], _requester.PublicKey);

        Assert.Contains("WithOwnershipProof", Assert.Throws<InvalidOperationException>(unsigned.Build).Message);
        Assert.Contains("not the requester", Assert.Throws<InvalidOperationException>(unsigned.WithOwnershipProof(other).Build).Message);
    }

    [Fact]
    public void Ids_are_fresh_unless_given_and_must_be_valid()
    {
        var builder = Job.Builder().Wasm([0]).Input([1]).RequestedBy(_requester);

        Assert.NotEqual(builder.Build().Id, builder.Build().Id);
        Assert.Equal("my-job", builder.Id("my-job").Build().Id);
        Assert.Throws<ArgumentException>(() => builder.Id("no/slashes"));
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.Replication(0));
    }

    [Fact]
    public void A_private_job_keeps_only_ciphertext()
    {
        byte[] input = "plaintext-marker-123"u8.ToArray();

        var job = Job.Builder().Wasm([0]).PrivateInput(input, _requester.PublicKey).WithOwnershipProof(_requester).Build();

        Assert.True(job.IsPrivate);
        Assert.Null(job.PublicInput);
        Assert.DoesNotContain(Convert.ToHexString(input), Convert.ToHexString(job.SealedInput!.SealedInput.ToBytes()));
        Assert.DoesNotContain("plaintext", job.ToString());
        Assert.Equal(_requester.PublicKey, job.Requester);
    }
}
