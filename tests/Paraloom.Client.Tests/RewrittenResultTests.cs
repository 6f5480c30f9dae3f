using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Paraloom.Testing;

namespace Paraloom.Client.Tests;

/// <summary>
/// A forwarder between the SDK and a real silo, over real HTTP, rewrites a job's result: an SDK that pins the network
/// key checks the receipt and refuses what the cohort did not sign, and takes the honest result through the same proxy.
/// </summary>
public sealed class RewrittenResultTests(SiloServer silo) : RequesterTest(silo), IClassFixture<SiloServer>
{
    [Theory]
    [InlineData("output")]
    [InlineData("receipt")]
    public async Task A_rewritten_public_result_is_refused(string rewrite)
    {
        var jobId = await RunPublicAsync("the cohort's output"u8.ToArray());
        await using var proxy = await StartProxyAsync(result =>
        {
            if (rewrite == "output")
            {
                result["output"] = Convert.ToBase64String("a forged output"u8);
                return;
            }
            result.AsObject().Remove("receipt");
        });
        using var proxied = Verifying(proxy);

        var refused = await Assert.ThrowsAsync<UnverifiedResultException>(() => proxied.GetResultAsync(jobId, Requester, Patience.Token));

        Assert.Equal(jobId, refused.JobId);
        Assert.Contains(rewrite == "output" ? "digest" : "no receipt", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_honest_result_passes_and_fields_the_receipt_proves_come_from_it()
    {
        var jobId = await RunPublicAsync("the cohort's output"u8.ToArray());
        var honest = await Client.GetResultAsync(jobId, Requester, Patience.Token);
        await using var proxy = await StartProxyAsync(result => result["fuelUsed"] = 1);
        using var proxied = Verifying(proxy);

        var result = await proxied.GetResultAsync(jobId, Requester, Patience.Token);

        Assert.Equal("the cohort's output"u8.ToArray(), result.Output.ToArray());
        Assert.Equal(honest.FuelUsed, result.FuelUsed);
        Assert.Equal(honest.Digest, result.Digest);
        Assert.Equal(honest.Receipt.ToArray(), result.Receipt.ToArray());
    }

    [Fact]
    public async Task A_private_result_verifies_before_it_is_decrypted()
    {
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput("sealed rows"u8, Requester.PublicKey)
            .WithOwnershipProof(Requester).Build();
        var jobId = await Client.SubmitAsync(job, Patience.Token);
        await Client.WaitAsync(jobId, Requester, cancellationToken: Patience.Token);
        await using var proxy = await StartProxyAsync(_ => { });
        using var proxied = Verifying(proxy);

        var result = await proxied.GetResultAsync(jobId, Requester, Patience.Token);

        Assert.Equal("sealed rows"u8.ToArray(), result.Decrypt(Requester));
    }

    [Fact]
    public async Task Over_the_Orleans_gateway_the_result_is_verified_too()
    {
        var jobId = await RunPublicAsync("through the gateway"u8.ToArray());
        using var host = await Silo.ConnectGatewayAsync();
        using var gateway = new ParaloomClient(host.Services.GetRequiredService<Orleans.IClusterClient>()) { NetworkKey = TestNetwork.Authority.PublicKey };
        using var stranger = Privacy.SecretKey.Generate();
        using var wrongNetwork = new ParaloomClient(host.Services.GetRequiredService<Orleans.IClusterClient>()) { NetworkKey = stranger.PublicKey };

        var result = await gateway.GetResultAsync(jobId, Requester, Patience.Token);
        var refused = await Assert.ThrowsAsync<UnverifiedResultException>(() => wrongNetwork.GetResultAsync(jobId, Requester, Patience.Token));

        Assert.Equal("through the gateway"u8.ToArray(), result.Output.ToArray());
        Assert.Contains("certificate", refused.Reason, StringComparison.Ordinal);
    }

    private async Task<string> RunPublicAsync(byte[] input)
    {
        var jobId = await Client.SubmitAsync(Job.Builder().Wasm(Repository.Program("echo")).Input(input).RequestedBy(Requester).Build(), Patience.Token);
        await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        return jobId;
    }

    private Task<RewritingProxy> StartProxyAsync(Action<JsonNode> rewrite) =>
        RewritingProxy.StartAsync(Silo.Server.CreateHandler(), Silo.Server.BaseAddress, rewrite);

    private static ParaloomClient Verifying(RewritingProxy proxy) =>
        new(new HttpClient { BaseAddress = proxy.Address }) { NetworkKey = TestNetwork.Authority.PublicKey };
}
