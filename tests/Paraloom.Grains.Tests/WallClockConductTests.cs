using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Execution;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains.Tests;

/// <summary>
/// A job that outruns its own wall-clock limit on every member is the job's fault: nobody loses reputation, and it is
/// rejected with that reason instead of being retried on fresh cohorts. A member that hits the limit while the others
/// vote still timed out.
/// </summary>
public sealed class WallClockConductTests
{
    private const int Validators = 4;

    [Fact]
    public async Task ACohortThatAllHitsTheWallClockPenalisesNobodyAndRejectsTheJobAtOnce()
    {
        await using var cluster = await ComputeCluster.StartAsync(validators: Validators);
        // More fuel than a second of looping burns: only the wall clock stops it.
        var limits = new ResourceLimits { Fuel = 10_000_000_000, WallClock = TimeSpan.FromSeconds(1) };

        await cluster.SubmitPublicAsync("endless", WasmModules.InfiniteLoop(), [], limits);
        var final = await cluster.WaitFinalAsync("endless");

        Assert.Equal((JobState.Rejected, 1), (final.State, final.Attempt));
        Assert.Equal(JobRejectionReason.WallClockLimit, final.RejectionCode);
        Assert.Contains("wall-clock limit", final.Reason);
        var quorum = cluster.Grains.GetGrain<IResultQuorumGrain>(QuorumKey.For("endless", 1));
        await Eventually.ReachesAsync(quorum.GetSnapshotAsync, snapshot => snapshot.Closed, "the attempt closes at its deadline");
        foreach (var validator in await cluster.Registry.GetValidatorsAsync())
        {
            Assert.Equal(Reputation.Initial, validator.Reputation);
        }
    }

    [Fact]
    public async Task AMemberThatHitsTheWallClockWhileTheOthersAgreeStillTimesOut()
    {
        await using var cluster = await ComputeCluster.StartAsync(validators: Validators);
        var members = Enumerable.Range(1, Validators).Select(slot => $"validator-{slot}").ToList();
        var cohort = members.Select(slot => new CohortMember(cluster.IdOf(slot), cluster.ValidatorKey(slot).PublicKey)).ToList();
        var quorum = cluster.Grains.GetGrain<IResultQuorumGrain>(QuorumKey.For("slow-member", 1));
        var setup = new QuorumSetup("slow-member", 1, cohort, AgreementOptions.Default, "profile", new byte[JobStatement.HashSize]);
        await quorum.OpenAsync(setup);

        foreach (var slot in members.Skip(1))
        {
            var vote = SignedVote.Sign(cluster.ValidatorKey(slot), setup.Subject, cluster.IdOf(slot), ExecutionStatus.Ok, 0, "agreed"u8, 7, "profile");
            Assert.Equal(VoteAcceptance.Counted, await quorum.SubmitVoteAsync(vote));
        }
        await quorum.RecordWallClockAsync(WallClockReport.Sign(cluster.ValidatorKey(members[0]), setup.Subject, cluster.IdOf(members[0]), "profile"));
        var closed = await quorum.CloseAsync();

        Assert.Equal(AgreementOutcomeKind.Finalised, closed.Decision!.Kind);
        Assert.Contains(cluster.IdOf(members[0]), closed.Decision.Faulted);
        Assert.Equal(Reputation.Initial + Reputation.TimedOutDelta, await cluster.ReputationOfAsync(members[0]));
        foreach (var slot in members.Skip(1))
        {
            Assert.Equal(Reputation.Initial + Reputation.AgreedDelta, await cluster.ReputationOfAsync(slot));
        }
    }
}
