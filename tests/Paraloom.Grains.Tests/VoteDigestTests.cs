using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>The quorum judges a vote by the digest of the output it carries, never by a digest the sender claims.</summary>
public sealed class VoteDigestTests
{
    [Fact]
    public async Task AVoteWhoseSignedDigestIsNotThatOfTheOutputItCarriesIsNotCounted()
    {
        await using var cluster = await ComputeCluster.StartAsync(validators: 4);
        var submitted = await cluster.SubmitPublicAsync("carried", WasmModules.Spin(200_000), []);
        var member = submitted.Cohort[0];
        var quorum = cluster.Grains.GetGrain<IResultQuorumGrain>(QuorumKey.For("carried", 1));
        // A member signs the honest digest (empty output) and sends other bytes with it, hoping the quorum keeps them.
        var honest = SignedVote.Sign(
            cluster.ValidatorKey(member.ValidatorId), Votes.SubjectOf(submitted), member.ValidatorId, ExecutionStatus.Ok, 0, [], 1, submitted.Profile!);
        var forged = new SignedVote(
            honest.Subject, member.ValidatorId, ExecutionStatus.Ok, 0, "forged"u8, honest.FuelUsed, honest.Profile, honest.Signature);

        Assert.NotEqual(honest.Digest, forged.Digest);
        Assert.Equal(VoteAcceptance.InvalidSignature, await quorum.SubmitVoteAsync(forged));
        var final = await cluster.WaitFinalAsync("carried");
        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal(Digests.Ok([]), final.Digest);
    }
}
