using System.Text.Json.Nodes;
using Paraloom.Compute;
using Paraloom.Testing;

namespace Paraloom.Client.Tests;

/// <summary>
/// Something between the SDK and a real silo rewrites a private job's status, so that the requester would wrap the job
/// key for another job's nonce: the SDK checks the statement the requester signed and hands nothing out.
/// </summary>
public sealed class RewrittenStatusTests(SiloServer silo) : RequesterTest(silo), IClassFixture<SiloServer>
{
    [Theory]
    [InlineData("another job's statement and nonce")]
    [InlineData("a nonce changed in the statement")]
    public async Task A_status_whose_statement_the_requester_did_not_sign_for_this_job_gets_no_key(string rewrite)
    {
        var earlier = await SubmitPrivateAsync();
        var target = await SubmitPrivateAsync();
        var earlierStatus = JsonNode.Parse(await Silo.CreateClient().GetStringAsync($"v1/jobs/{earlier}", Patience.Token))!;
        using var proxy = new RewritingHandler(target, status =>
        {
            if (rewrite.StartsWith("another", StringComparison.Ordinal))
            {
                status["statement"] = earlierStatus["statement"]!.DeepClone();
                status["privacy"] = earlierStatus["privacy"]!.DeepClone();
                return;
            }
            var encoded = Convert.FromBase64String(status["statement"]!["encoded"]!.GetValue<string>());
            // The nonce follows version, kind, the id (length-prefixed), the module hash and the commitment.
            encoded[2 + 2 + target.Length + 32 + 33] ^= 1;
            status["statement"]!["encoded"] = Convert.ToBase64String(encoded);
        }) { InnerHandler = Silo.Server.CreateHandler() };
        using var proxied = new ParaloomClient(new HttpClient(proxy) { BaseAddress = Silo.Server.BaseAddress });

        var refused = await Assert.ThrowsAsync<UnverifiedAnswerException>(() => proxied.HandOutKeysAsync(target, Requester, Patience.Token));

        Assert.Equal(target, refused.JobId);
        Assert.True((await Client.GetStatusAsync(target, Patience.Token)).AwaitingKeys);
        // The requester's own view of the job is intact: straight to the silo, the hand-out goes through.
        Assert.False((await Client.HandOutKeysAsync(target, Requester, Patience.Token)).AwaitingKeys);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_status_that_swaps_a_cohort_key_gets_no_key_from_a_client_that_pins_the_network_key(bool forgedCertificate)
    {
        var target = await SubmitPrivateAsync();
        using var attacker = Privacy.SecretKey.Generate();
        using var rogueAuthority = Privacy.SecretKey.Generate();
        using var proxy = new RewritingHandler(target, status =>
        {
            var member = status["cohort"]![0]!;
            member["publicKey"] = attacker.PublicKey.ToHex();
            member["certificate"] = forgedCertificate
                ? Convert.ToHexStringLower(ValidatorCertificate.Issue(
                    rogueAuthority, attacker.PublicKey, "rogue", "any", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)).ToBytes())
                : null;
        }) { InnerHandler = Silo.Server.CreateHandler() };
        using var proxied = new ParaloomClient(new HttpClient(proxy) { BaseAddress = Silo.Server.BaseAddress })
        {
            NetworkKey = TestNetwork.Authority.PublicKey,
        };

        var refused = await Assert.ThrowsAsync<UnverifiedAnswerException>(() => proxied.HandOutKeysAsync(target, Requester, Patience.Token));

        Assert.Contains("not certified by the network key", refused.Message, StringComparison.Ordinal);
        Assert.True((await Client.GetStatusAsync(target, Patience.Token)).AwaitingKeys);
        using var pinned = new ParaloomClient(Silo.CreateClient()) { NetworkKey = TestNetwork.Authority.PublicKey };
        Assert.False((await pinned.HandOutKeysAsync(target, Requester, Patience.Token)).AwaitingKeys);
    }

    /// <summary>A private job submitted by a client that is then dropped: only the requester's secret can hand its key out.</summary>
    private async Task<string> SubmitPrivateAsync()
    {
        using var submitter = Silo.NewClient();
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([1, 2], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var jobId = await submitter.SubmitAsync(job, Patience.Token);
        while (!(await Client.GetStatusAsync(jobId, Patience.Token)).AwaitingKeys)
        {
            await Task.Delay(20, Patience.Token);
        }
        return jobId;
    }

    /// <summary>Rewrites the JSON of one job's status responses as they pass.</summary>
    private sealed class RewritingHandler(string jobId, Action<JsonNode> rewrite) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Get || request.RequestUri!.AbsolutePath != $"/v1/jobs/{jobId}" || !response.IsSuccessStatusCode)
            {
                return response;
            }
            var status = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            rewrite(status);
            response.Content = new StringContent(status.ToJsonString(), System.Text.Encoding.UTF8, "application/json");
            return response;
        }
    }
}
