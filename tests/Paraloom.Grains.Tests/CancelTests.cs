using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains.Tests;

/// <summary>
/// The requester cancels a job it no longer wants, with its signature over a fresh challenge: the running attempt is
/// abandoned (later votes do not count, its deadline penalises nobody), the account's hold goes back in full and the job
/// ends Cancelled. Anyone else's cancel, a replayed one and a cancel of a job that already ended are refused.
/// </summary>
public sealed class CancelTests
{
    private const string SilentA = "validator-1";
    private const string SilentB = "validator-2";

    [Fact]
    public async Task A_cancel_abandons_the_running_attempt_releases_the_whole_hold_and_penalises_nobody()
    {
        // K = 4 needs 3 votes and two members never vote: the attempt runs until its deadline, minutes away.
        await using var cluster = await ComputeCluster.StartAsync(
            validators: 4,
            conduct: new Dictionary<string, ValidatorConduct> { [SilentA] = ValidatorConduct.Silent, [SilentB] = ValidatorConduct.Silent },
            configure: options => options.AttemptGrace = TimeSpan.FromMinutes(5));
        var before = await ReadAccountAsync(cluster);
        await cluster.Job("unwanted").SubmitAsync(JobSubmission.Public(
            "unwanted", Repository.Program("sum"), ProgramInputs.Numbers(2, 3), cluster.Requester,
            new ResourceLimits { WallClock = TimeSpan.FromSeconds(1) }, replication: 4));
        var running = await Eventually.ReachesAsync(
            () => cluster.Job("unwanted").GetStatusAsync(), status => status.VotesReceived == 2, "the two honest members vote");
        Assert.True((await ReadAccountAsync(cluster)).Held > 0);

        var cancelled = await CancelAsync(cluster, "unwanted", cluster.Requester);

        Assert.Equal((JobState.Cancelled, 1, 2), (cancelled.State, cancelled.Attempt, cancelled.VotesReceived));
        Assert.Equal(0, cancelled.Fee);
        Assert.InRange(cancelled.FinishedAt!.Value, running.SubmittedAt, DateTimeOffset.MaxValue);
        var quorum = cluster.Grains.GetGrain<IResultQuorumGrain>(QuorumKey.For("unwanted", 1));
        var late = SignedVote.Sign(cluster.ValidatorKey(SilentA), Votes.SubjectOf(running), cluster.IdOf(SilentA), ExecutionStatus.Ok, 0,
            ProgramInputs.Sum(2, 3), 1, running.Profile!);
        Assert.Equal(VoteAcceptance.Abandoned, await quorum.SubmitVoteAsync(late));
        // What the attempt's deadline would do: an abandoned attempt never closes, so its silent members did not time out.
        var atDeadline = await quorum.CloseAsync();
        Assert.False(atDeadline.Closed);
        Assert.Null(atDeadline.Decision);
        Assert.Equal(2, atDeadline.VotesCounted);
        foreach (var member in running.Cohort)
        {
            Assert.Equal(Reputation.Initial, await cluster.ReputationOfAsync(member.ValidatorId));
        }
        var after = await ReadAccountAsync(cluster);
        Assert.Equal((before.Credits, 0L), (after.Credits, after.Held));
        Assert.Contains(after.History, entry => entry.Kind == AccountEntryKind.Refund && entry.JobId == "unwanted");
        Assert.DoesNotContain(after.History, entry => entry.Kind == AccountEntryKind.Charge);
        Assert.Equal(JobState.Cancelled, (await cluster.Job("unwanted").GetStatusAsync()).State);
    }

    [Fact]
    public async Task Only_the_requesters_signature_over_a_fresh_challenge_cancels_and_an_ended_job_stays_as_it_ended()
    {
        await using var cluster = await ComputeCluster.StartAsync();
        // Nobody hands out its key: it waits for it, and a cancel finds it running.
        var waiting = await cluster.SubmitPrivateAsync("waiting", Repository.Program("echo"), [1, 2]);
        Assert.Equal(JobState.AwaitingKeys, waiting.State);
        var job = cluster.Job("waiting");
        using var stranger = SecretKey.Generate();

        var byStranger = await Assert.ThrowsAsync<CancelDeniedException>(() => CancelAsync(cluster, "waiting", stranger));
        var challenge = await job.CreateResultChallengeAsync();
        var asResultFetch = await Assert.ThrowsAsync<CancelDeniedException>(() =>
            job.CancelAsync(challenge, ResultAuthorization.Sign(cluster.Requester, "waiting", challenge.Nonce.Span)));
        Assert.Equal(JobState.AwaitingKeys, (await job.GetStatusAsync()).State);
        var signature = CancelAuthorization.Sign(cluster.Requester, "waiting", challenge.Nonce.Span);
        var cancelled = await job.CancelAsync(challenge, signature);
        var replayed = await Assert.ThrowsAsync<CancelDeniedException>(() => job.CancelAsync(challenge, signature));
        var again = await Assert.ThrowsAsync<JobAlreadyFinalException>(() => CancelAsync(cluster, "waiting", cluster.Requester));
        var noResult = await Assert.ThrowsAsync<ResultNotReadyException>(() => cluster.FetchResultAsync("waiting"));

        Assert.Contains("not the requester's", byStranger.Message);
        Assert.Contains("not the requester's", asResultFetch.Message);
        Assert.Equal(JobState.Cancelled, cancelled.State);
        Assert.False(cancelled.AwaitingKeys);
        Assert.Contains("already used", replayed.Message);
        Assert.Equal(JobState.Cancelled, again.State);
        Assert.Contains("cancelled by its requester", noResult.Message);

        await cluster.SubmitPublicAsync("finished", Repository.Program("echo"), [3]);
        await cluster.WaitFinalAsync("finished");
        var final = await Assert.ThrowsAsync<JobAlreadyFinalException>(() => CancelAsync(cluster, "finished", cluster.Requester));
        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal([3], (await cluster.FetchResultAsync("finished")).Output.ToArray());
    }

    private static async Task<JobStatus> CancelAsync(ComputeCluster cluster, string jobId, SecretKey requester)
    {
        var challenge = await cluster.Job(jobId).CreateResultChallengeAsync();
        return await cluster.Job(jobId).CancelAsync(challenge, CancelAuthorization.Sign(requester, jobId, challenge.Nonce.Span));
    }

    private static async Task<AccountView> ReadAccountAsync(ComputeCluster cluster)
    {
        var key = cluster.Requester.PublicKey.ToHex();
        var account = cluster.Grains.GetGrain<IAccountGrain>(key);
        var challenge = await account.CreateReadChallengeAsync();
        return await account.GetAsync(challenge, AccountAuthorization.Sign(cluster.Requester, key, challenge.Nonce.Span));
    }
}
