using Orleans.Runtime;
using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>Every slot the registry reserves for a cohort ends: with the attempt, with the assignment, or with its lease.</summary>
public sealed class CapacityReservationTests
{
    [Fact]
    public async Task PrivateJobsWhoseKeysNeverComeGiveTheirCohortBackWhenRejected()
    {
        // One slot per validator: a cohort left reserved would leave every later job waiting for its timeout.
        await using var cluster = await ComputeCluster.StartAsync(configure: options =>
        {
            options.LocalValidators.Capacity = 1;
            options.KeyHandOutTimeout = TimeSpan.FromMilliseconds(300);
        });
        await cluster.SubmitPrivateAsync("orphan", Repository.Program("echo"), "never run"u8.ToArray());

        var orphan = await Eventually.ReachesAsync(
            () => cluster.Job("orphan").GetStatusAsync(), status => status.IsFinal, "the orphaned job ends");
        await Eventually.ReachesAsync(
            () => cluster.Registry.GetValidatorsAsync(),
            validators => validators.All(validator => validator.InFlight == 0), "every validator is free again");
        var next = await cluster.SubmitPublicAsync("next", Repository.Program("sum"), ProgramInputs.Numbers(1, 2));

        Assert.Equal(JobState.Rejected, orphan.State);
        Assert.Equal(3, next.Cohort.Count);
        Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync("next")).State);
    }

    [Fact]
    public async Task AReservationNobodyReleasesEndsWithItsLease()
    {
        await using var cluster = await ComputeCluster.StartAsync(configure: options => options.LocalValidators.Capacity = 1);

        var taken = await cluster.Registry.SelectCohortAsync("vanished", 3, [], [], TimeSpan.FromMilliseconds(300));
        var whileHeld = await cluster.Registry.GetValidatorsAsync();
        await Eventually.ReachesAsync(
            () => cluster.Registry.GetValidatorsAsync(),
            validators => validators.All(validator => validator.InFlight == 0), "the lease ends");

        Assert.True(taken.Found);
        Assert.All(whileHeld, validator => Assert.Equal(1, validator.InFlight));
    }

    [Fact]
    public async Task ADeliveredAssignmentNoLongerHoldsAReservation()
    {
        // The job never releases anything (its lease is long); only the members' own load may count.
        await using var cluster = await ComputeCluster.StartAsync(configure: options => options.LocalValidators.Capacity = 1);
        await cluster.SubmitPublicAsync("quick", Repository.Program("sum"), ProgramInputs.Numbers(3, 4));

        await cluster.WaitFinalAsync("quick");

        await Eventually.ReachesAsync(
            () => cluster.Registry.GetValidatorsAsync(),
            validators => validators.All(validator => validator.InFlight == 0), "no slot stays held after the job");
    }

    [Fact]
    public async Task ARegistryThatLostItsActivationDoesNotHandBusyValidatorsMoreWork()
    {
        await using var cluster = await ComputeCluster.StartAsync(configure: options => options.LocalValidators.Capacity = 1);
        await cluster.SubmitHogAsync("hog");
        await Eventually.ReachesAsync(
            () => cluster.Registry.GetValidatorsAsync(),
            validators => validators.All(validator => validator.InFlight == 1), "every validator runs the hog");

        // The registry's activation goes (as when its silo dies) while the executions it assigned go on.
        await cluster.Grains.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var waiting = await cluster.SubmitPublicAsync("patient", Repository.Program("sum"), ProgramInputs.Numbers(1, 2));
        var final = await cluster.WaitFinalAsync("patient");

        Assert.Equal((JobState.Submitted, 0), (waiting.State, waiting.Attempt));
        Assert.Equal((JobState.Finalised, 1), (final.State, final.Attempt));
    }
}
