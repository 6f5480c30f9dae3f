using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>
/// A validator below the selection gate (demoted, say, by an outage of its silo) regains reputation with time
/// without a fault, up to the gate and no further, and is picked again: nobody edits its stored state.
/// </summary>
public sealed class ReputationRecoveryTests
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task AValidatorDemotedBelowTheGateRecoversToTheGateAndIsPickedAgain()
    {
        await using var cluster = await ComputeCluster.StartAsync(configure: options => options.ReputationRecoveryPeriod = Period);
        const string demoted = "validator-1";
        var gate = SelectionOptions.Default.MinimumReputation;
        await cluster.Validator(demoted).ApplyReputationAsync(new ReputationOutcome("outage-1", 1, MemberConduct.Equivocated));
        await cluster.Validator(demoted).ApplyReputationAsync(new ReputationOutcome("outage-2", 1, MemberConduct.Equivocated));
        Assert.True(await cluster.ReputationOfAsync(demoted) < gate);

        // Two validators above the gate are fewer than K = 3: refused at once while the third is below it.
        var refused = await Assert.ThrowsAsync<JobSubmissionException>(() => cluster.SubmitPublicAsync("too-soon", Repository.Program("sum"), []));
        Assert.Equal(SubmissionError.NoValidators, refused.Error);

        await Eventually.ReachesAsync(() => cluster.ReputationOfAsync(demoted), reputation => reputation == gate, "the demoted validator recovers to the gate");
        await Task.Delay(Period * 4);
        Assert.Equal(gate, await cluster.ReputationOfAsync(demoted));

        await cluster.SubmitPublicAsync("picked-again", Repository.Program("sum"), ProgramInputs.Numbers(4, 5));
        var final = await cluster.WaitFinalAsync("picked-again");
        Assert.Equal(JobState.Finalised, final.State);
        Assert.Contains(final.Cohort, member => member.ValidatorId == cluster.IdOf(demoted));
        await Eventually.ReachesAsync(
            () => cluster.ReputationOfAsync(demoted), reputation => reputation == gate + Reputation.AgreedDelta, "its agreement earns above the gate");
    }
}
