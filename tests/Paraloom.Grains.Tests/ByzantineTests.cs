using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;
using Paraloom.Privacy;

namespace Paraloom.Grains.Tests;

/// <summary>One faulty validator among the cohort: the job ends with the honest result or is rejected, never a wrong one.</summary>
public sealed class ByzantineTests
{
    private const string Faulty = "validator-1";
    private const string Spare = "validator-4";

    public static TheoryData<ValidatorConduct> Faults =>
        [ValidatorConduct.WrongDigest, ValidatorConduct.Equivocate, ValidatorConduct.Silent, ValidatorConduct.BadSignature];

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task WithOneFaultyOfThreeTheJobEndsHonestlyOrIsRejected(ValidatorConduct fault)
    {
        await using var cluster = await ComputeCluster.StartAsync(
            validators: 3, conduct: new Dictionary<string, ValidatorConduct> { [Faulty] = fault }, configure: FastAttempts);
        await cluster.SubmitPublicAsync("job", Repository.Program("sum"), ProgramInputs.Numbers(5, 6), ShortLimits);

        var final = await cluster.WaitFinalAsync("job");

        if (fault == ValidatorConduct.Equivocate && final.State == JobState.Finalised)
        {
            // Its honest vote may complete the quorum before its second vote arrives: the decision stands.
            Assert.Equal(Digests.Ok(ProgramInputs.Sum(5, 6)), final.Digest);
        }
        else
        {
            // Every attempt has the faulty member and 3 of 3 votes are needed: no result, and no wrong result. The job
            // ends after its last attempt, or at its distribution timeout once the gated member leaves too few to retry.
            Assert.Equal(JobState.Rejected, final.State);
            Assert.True(final.Attempt >= 2);
            Assert.Null(final.Digest);
            await Assert.ThrowsAsync<ResultNotReadyException>(() => cluster.FetchResultAsync("job"));
        }
        if (fault != ValidatorConduct.WrongDigest)
        {
            Assert.True(await cluster.ReputationOfAsync(Faulty) < Reputation.Initial);
        }
    }

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task WithASpareValidatorTheJobFinalisesTheHonestResultAfterARetryOrIsRejected(ValidatorConduct fault)
    {
        await using var cluster = await ComputeCluster.StartAsync(
            validators: 4, conduct: new Dictionary<string, ValidatorConduct> { [Faulty] = fault }, configure: FastAttempts);
        // The spare ranks last, so the first cohort certainly holds the faulty validator.
        await cluster.DemoteAsync(Spare);
        var submitted = await cluster.SubmitPublicAsync("job", Repository.Program("sum"), ProgramInputs.Numbers(5, 6), ShortLimits);
        Assert.Contains(submitted.Cohort, member => member.ValidatorId == cluster.IdOf(Faulty));

        var final = await cluster.WaitFinalAsync("job");

        if (final.State == JobState.Finalised)
        {
            Assert.Equal(Digests.Ok(ProgramInputs.Sum(5, 6)), final.Digest);
            Assert.Equal(ProgramInputs.Sum(5, 6), (await cluster.FetchResultAsync("job")).Output.ToArray());
            // Only an equivocator's honest first vote can complete the first attempt; otherwise a retry was needed.
            Assert.True(final.Attempt > 1 || fault == ValidatorConduct.Equivocate);
            Assert.True(final.Attempt == 1 || !final.Cohort.Any(member => member.ValidatorId == cluster.IdOf(Faulty)));
            if (fault != ValidatorConduct.WrongDigest)
            {
                // A caught member is picked last, so the one retry goes to the spare and the two honest members.
                Assert.True(final.Attempt <= 2, $"finalised at attempt {final.Attempt}");
            }
        }
        else
        {
            Assert.Equal(JobState.Rejected, final.State);
            Assert.Equal(ValidatorConduct.WrongDigest, fault);
        }
        var expectedPenalty = fault switch
        {
            ValidatorConduct.Equivocate => Reputation.EquivocatedDelta,
            ValidatorConduct.BadSignature => Reputation.InvalidSignatureDelta,
            ValidatorConduct.Silent => Reputation.TimedOutDelta,
            _ => 0,
        };
        if (fault != ValidatorConduct.WrongDigest)
        {
            // An equivocator whose honest vote completed the first quorum is credited for it and then penalised.
            var credited = fault == ValidatorConduct.Equivocate && final.Attempt == 1 ? Reputation.AgreedDelta : 0;
            await WaitForReputationAsync(cluster, Faulty, Reputation.Initial + expectedPenalty + credited);
        }
    }

    [Fact]
    public async Task AVoteFromOutsideTheCohortIsRefusedAndItsSignerPenalised()
    {
        await using var cluster = await ComputeCluster.StartAsync(
            validators: 4, conduct: new Dictionary<string, ValidatorConduct> { [Spare] = ValidatorConduct.VoteOutsideCohort });
        await cluster.DemoteAsync(Spare);
        var beforeFault = await cluster.ReputationOfAsync(Spare);
        var submitted = await cluster.SubmitPublicAsync("job", WasmModules.Spin(200_000), []);
        Assert.DoesNotContain(submitted.Cohort, member => member.ValidatorId == cluster.IdOf(Spare));
        var quorum = cluster.Grains.GetGrain<IResultQuorumGrain>(QuorumKey.For("job", 1));

        // A vote in the outsider's name that it did not sign proves nothing against it: refused, no penalty.
        using var stranger = SecretKey.Generate();
        var framed = SignedVote.Sign(stranger, Votes.SubjectOf(submitted), cluster.IdOf(Spare), ExecutionStatus.Ok, 0, "framed"u8, 1, submitted.Profile!);
        Assert.Equal(VoteAcceptance.NotInCohort, await quorum.SubmitVoteAsync(framed));
        Assert.Equal(beforeFault, await cluster.ReputationOfAsync(Spare));

        // The outsider got hold of the assignment (say from a colluding member) and votes a wrong result on it.
        var stolen = new Assignment(JobSpec.Public(JobId.Parse("job"), WasmModules.Spin(200_000), []), submitted.Statement!, 1,
            [.. submitted.Cohort.Select(member => member.ValidatorId)]);
        Assert.Equal(AssignmentReceipt.Accepted, await cluster.Validator(Spare).ExecuteAsync(stolen));
        var final = await cluster.WaitFinalAsync("job");

        Assert.Equal(JobState.Finalised, final.State);
        Assert.Equal(1, final.Attempt);
        Assert.Equal(Digests.Ok([]), final.Digest);
        await WaitForReputationAsync(cluster, Spare, beforeFault + Reputation.VotedOutsideCohortDelta);
        var snapshot = await quorum.GetSnapshotAsync();
        Assert.DoesNotContain(cluster.IdOf(Spare), snapshot.Replied);
        Assert.Equal(3, snapshot.VotesCounted);
    }

    [Fact]
    public async Task AGatedValidatorIsNeverPicked()
    {
        await using var cluster = await ComputeCluster.StartAsync(
            validators: 4, configure: options => options.Selection = new SelectionOptions { MinimumReputation = 300 });
        await cluster.Validator(Faulty).ApplyReputationAsync(
            new ReputationOutcome("caught", 1, Compute.Agreement.MemberConduct.Equivocated));
        Assert.Equal(Reputation.Initial + Reputation.EquivocatedDelta, await cluster.ReputationOfAsync(Faulty));
        Assert.Contains(await cluster.Registry.GetValidatorsAsync(), v => v.ValidatorId == cluster.IdOf(Faulty) && v.Reputation == 250);

        for (var i = 0; i < 8; i++)
        {
            var status = await cluster.SubmitPublicAsync($"job-{i}", Repository.Program("sum"), ProgramInputs.Numbers((uint)i));
            Assert.DoesNotContain(status.Cohort, member => member.ValidatorId == cluster.IdOf(Faulty));
            await cluster.WaitFinalAsync($"job-{i}");
        }
        var tooMany = await Assert.ThrowsAsync<JobSubmissionException>(() => cluster.Job("k4").SubmitAsync(
            JobSubmission.Public("k4", Repository.Program("sum"), [], cluster.Requester, replication: 4)));
        Assert.Equal(SubmissionError.NoValidators, tooMany.Error);
    }

    /// <summary>
    /// Short enough that a faulty attempt ends quickly, generous enough that an honest attempt on a loaded machine
    /// never misses its deadline (wall clock + grace = 4 s) and a retried job its distribution timeout.
    /// </summary>
    private static readonly ResourceLimits ShortLimits = new()
    {
        WallClock = TimeSpan.FromSeconds(1),
        DistributionTimeout = TimeSpan.FromSeconds(15),
    };

    private static void FastAttempts(ComputeOptions options) => options.AttemptGrace = TimeSpan.FromSeconds(3);

    /// <summary>A penalty may follow the job's final state (an equivocator's second vote, a late vote): wait for it.</summary>
    private static async Task WaitForReputationAsync(ComputeCluster cluster, string validatorId, int expected)
    {
        var settled = await Eventually.ReachesAsync(
            () => cluster.ReputationOfAsync(validatorId), reputation => reputation == expected, $"{validatorId}'s reputation reaches {expected}");
        Assert.Equal(expected, settled);
    }
}
