using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>
/// The call guard between grains, on a silo that runs it as a production silo does: a grain that owns no step (a
/// test-only grain type) is refused with <see cref="CallNotAllowedException"/> when it calls a step another grain owns,
/// and the step is not taken, while what any grain may ask (a validator's public info) still answers it and an honest
/// job, whose steps all go from grain to grain, still runs.
/// </summary>
public sealed class StepOwnerTests
{
    [Fact]
    public async Task A_grain_calling_a_step_another_grain_owns_is_refused_and_changes_nothing()
    {
        await using var cluster = await ComputeCluster.StartAsync(guarded: true);
        await cluster.SubmitPublicAsync("owned", Repository.Program("echo"), [7]);
        Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync("owned")).State);
        var before = await cluster.Registry.GetValidatorsAsync();
        // Reached through the silo's own client, which may call a grain that is not the service's.
        var intruder = cluster.Services.GetRequiredService<IGrainFactory>().GetGrain<IStepIntruderGrain>("intruder");

        Assert.Equal(before[0].PublicKey, (await intruder.GetValidatorInfoAsync(before[0].ValidatorId)).PublicKey);
        await Assert.ThrowsAsync<CallNotAllowedException>(() => intruder.ReportReputationAsync(before[0].ValidatorId, before[0].Reputation - 1));
        await Assert.ThrowsAsync<CallNotAllowedException>(() => intruder.CloseQuorumAsync("owned", 1));

        var after = await cluster.Registry.GetValidatorsAsync();
        Assert.Equal(before.Select(validator => (validator.ValidatorId, validator.Reputation)), after.Select(validator => (validator.ValidatorId, validator.Reputation)));
        Assert.Equal(JobState.Finalised, (await cluster.Job("owned").GetStatusAsync()).State);
    }
}
