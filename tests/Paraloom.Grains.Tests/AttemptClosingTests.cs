using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>
/// A quorum of K = 4 decides on 3 votes (⌈4 · 7/10⌉), so an attempt can end before a silent member has
/// replied: the attempt still closes at its deadline, and late votes never change what was decided.
/// </summary>
public sealed class AttemptClosingTests
{
    private const string Silent = "validator-1";

    [Fact]
    public async Task AMemberThatNeverVotesIsPenalisedWhenTheAttemptClosesThoughTheQuorumDecidedWithoutIt()
    {
        await using var cluster = await StartWithSilentMemberAsync(attemptGrace: TimeSpan.FromSeconds(4));

        var final = await SubmitToAllFourAsync(cluster, "decided-early");

        Assert.Equal((JobState.Finalised, 1, 3), (final.State, final.Attempt, final.VotesReceived));
        var closed = await Eventually.ReachesAsync(
            () => Quorum(cluster, "decided-early").GetSnapshotAsync(), snapshot => snapshot.Closed, "the attempt closes at its deadline");
        Assert.Equal(final.Digest, closed.Decision!.Result!.Digest);
        await Eventually.ReachesAsync(
            () => cluster.ReputationOfAsync(Silent), reputation => reputation == Reputation.Initial + Reputation.TimedOutDelta,
            "the silent member is penalised as a non-responder");
        foreach (var member in final.Cohort.Where(member => member.ValidatorId != cluster.IdOf(Silent)))
        {
            Assert.Equal(Reputation.Initial + Reputation.AgreedDelta, await cluster.ReputationOfAsync(member.ValidatorId));
        }
    }

    [Fact]
    public async Task ALateVoteAfterTheDecisionIsTakenOnceAndNeverChangesTheOutcome()
    {
        // The deadline is far away: the late vote arrives while the attempt is still open.
        await using var cluster = await StartWithSilentMemberAsync(attemptGrace: TimeSpan.FromMinutes(5));
        var final = await SubmitToAllFourAsync(cluster, "late-vote");
        Assert.Equal(JobState.Finalised, final.State);

        var late = SignedVote.Sign(cluster.ValidatorKey(Silent), Votes.SubjectOf(final), cluster.IdOf(Silent), ExecutionStatus.Ok, 0, "another result"u8, 1, final.Profile!);
        var quorum = Quorum(cluster, "late-vote");
        // Signed under another engine or configuration than the cohort's, the same claim is not counted.
        var otherProfile = SignedVote.Sign(cluster.ValidatorKey(Silent), Votes.SubjectOf(final), cluster.IdOf(Silent), ExecutionStatus.Ok, 0, "another result"u8, 1, "other/1.0/x64/00");
        Assert.Equal(VoteAcceptance.WrongProfile, await quorum.SubmitVoteAsync(otherProfile));
        Assert.Equal(3, (await quorum.GetSnapshotAsync()).VotesCounted);

        Assert.Equal(VoteAcceptance.Counted, await quorum.SubmitVoteAsync(late));
        Assert.Equal(VoteAcceptance.Duplicate, await quorum.SubmitVoteAsync(late));
        var snapshot = await quorum.GetSnapshotAsync();
        Assert.Equal(4, snapshot.VotesCounted);
        Assert.Equal(final.Digest, snapshot.Decision!.Result!.Digest);
        var after = await cluster.Job("late-vote").GetStatusAsync();
        Assert.Equal((JobState.Finalised, final.Digest, 4), (after.State, after.Digest, after.VotesReceived));
        Assert.Equal(ProgramInputs.Sum(2, 3), (await cluster.FetchResultAsync("late-vote")).Output.ToArray());
        // It voted against the decided result: a dissent, applied once.
        Assert.Equal(Reputation.Initial + Reputation.DissentedDelta, await cluster.ReputationOfAsync(Silent));
    }

    private static Task<ComputeCluster> StartWithSilentMemberAsync(TimeSpan attemptGrace) => ComputeCluster.StartAsync(
        validators: 4,
        conduct: new Dictionary<string, ValidatorConduct> { [Silent] = ValidatorConduct.Silent },
        configure: options => options.AttemptGrace = attemptGrace);

    private static async Task<JobStatus> SubmitToAllFourAsync(ComputeCluster cluster, string jobId)
    {
        var limits = new ResourceLimits { WallClock = TimeSpan.FromSeconds(1) };
        await cluster.Job(jobId).SubmitAsync(JobSubmission.Public(
            jobId, Repository.Program("sum"), ProgramInputs.Numbers(2, 3), cluster.Requester, limits, replication: 4));
        return await cluster.WaitFinalAsync(jobId);
    }

    private static IResultQuorumGrain Quorum(ComputeCluster cluster, string jobId) =>
        cluster.Grains.GetGrain<IResultQuorumGrain>(QuorumKey.For(jobId, 1));
}
