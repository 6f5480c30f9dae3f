using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Testing;

namespace Paraloom.Client.Tests;

/// <summary>
/// A requester that knows of the authority's revocations (<see cref="ParaloomClientOptions.Revocations"/>) holds a real
/// silo that has not applied them to them: a receipt made of revoked validators' votes proves nothing, and no key is
/// wrapped to a revoked cohort member. A revocation by another authority revokes nothing.
/// </summary>
public sealed class RevokedValidatorTests(SiloServer silo) : RequesterTest(silo), IClassFixture<SiloServer>
{
    [Fact]
    public async Task A_result_voted_by_revoked_validators_is_refused_and_another_authoritys_revocation_changes_nothing()
    {
        var jobId = await Client.SubmitAsync(
            Job.Builder().Wasm(Repository.Program("echo")).Input("agreed"u8.ToArray()).RequestedBy(Requester).Build(), Patience.Token);
        var final = await Client.WaitAsync(jobId, cancellationToken: Patience.Token);
        using var stranger = SecretKey.Generate();

        using var knowing = Pinned(Revoke(TestNetwork.Authority, final.Cohort));
        using var misled = Pinned(Revoke(stranger, final.Cohort));

        var refused = await Assert.ThrowsAsync<UnverifiedResultException>(() => knowing.GetResultAsync(jobId, Requester, Patience.Token));
        Assert.Contains("revoked validators, not counted", refused.Reason, StringComparison.Ordinal);
        Assert.Equal("agreed"u8.ToArray(), (await misled.GetResultAsync(jobId, Requester, Patience.Token)).Output.ToArray());
    }

    [Fact]
    public async Task No_key_is_wrapped_to_a_cohort_with_a_revoked_member()
    {
        var jobId = await SubmitPrivateAwaitingKeysAsync();
        var status = await Client.GetStatusAsync(jobId, Patience.Token);
        using var knowing = Pinned(Revoke(TestNetwork.Authority, status.Cohort.Take(1)));

        var refused = await Assert.ThrowsAsync<UnverifiedAnswerException>(() => knowing.HandOutKeysAsync(jobId, Requester, Patience.Token));

        Assert.Contains("the network authority revoked it", refused.Message, StringComparison.Ordinal);
        Assert.True((await Client.GetStatusAsync(jobId, Patience.Token)).AwaitingKeys);
        using var unaware = Pinned([]);
        Assert.False((await unaware.HandOutKeysAsync(jobId, Requester, Patience.Token)).AwaitingKeys);
    }

    /// <summary>A private job submitted by a client that is then dropped, so nothing has handed its key out yet.</summary>
    private async Task<string> SubmitPrivateAwaitingKeysAsync()
    {
        using var submitter = Silo.NewClient();
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([7], Requester.PublicKey).WithOwnershipProof(Requester).Build();
        var jobId = await submitter.SubmitAsync(job, Patience.Token);
        while (!(await Client.GetStatusAsync(jobId, Patience.Token)).AwaitingKeys)
        {
            await Task.Delay(20, Patience.Token);
        }
        return jobId;
    }

    private ParaloomClient Pinned(IReadOnlyList<ValidatorRevocation> revocations) =>
        new(Silo.CreateClient()) { NetworkKey = TestNetwork.Authority.PublicKey, Revocations = revocations };

    private static ValidatorRevocation[] Revoke(SecretKey authority, IEnumerable<Privacy.Protocol.CohortMember> members) =>
        [.. members.Select(member => ValidatorRevocation.Issue(authority, member.PublicKey, DateTimeOffset.UtcNow.AddMinutes(-1), "key found stolen"))];
}
