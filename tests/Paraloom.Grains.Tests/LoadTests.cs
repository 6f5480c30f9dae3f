using Microsoft.Extensions.Options;
using Paraloom.Compute;
using Paraloom.Compute.Selection;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>More work than the validators take at once waits for them; it is neither refused nor failed.</summary>
public sealed class LoadTests
{
    [Fact]
    public async Task ABurstBeyondEveryValidatorsCapacityIsQueuedAndEveryJobFinalisesOnItsFirstAttempt()
    {
        // 3 validators taking 2 executions each run 2 jobs of K = 3 at once: 12 jobs are a burst of 6 rounds. The
        // jobs' reminders are too slow to matter, so only the registry's wake-ups can move the waiting ones.
        await using var cluster = await ComputeCluster.StartAsync(configure: options =>
        {
            options.LocalValidators.Capacity = 2;
            options.DeadlineCheckPeriod = TimeSpan.FromMinutes(5);
        });
        var module = WasmModules.Spin(3_000_000);
        var jobs = Enumerable.Range(0, 12).Select(i => $"burst-{i}").ToList();

        var submitted = await Task.WhenAll(jobs.Select(jobId => cluster.SubmitPublicAsync(jobId, module, [])));
        var final = await Task.WhenAll(jobs.Select(cluster.WaitFinalAsync));

        Assert.Contains(submitted, status => status.State == JobState.Submitted && status.Cohort.Count == 0);
        Assert.All(final, status => Assert.Equal((JobState.Finalised, 1), (status.State, status.Attempt)));
        Assert.All(await cluster.Registry.GetValidatorsAsync(), validator => Assert.True(
            validator.Reputation >= Reputation.Initial, $"{validator.ValidatorId} was penalised: {validator.Reputation}"));
    }

    [Fact]
    public async Task AJobThatNeverFindsFreeValidatorsIsRejectedAtItsDistributionTimeoutAndSaysWhy()
    {
        await using var cluster = await ComputeCluster.StartAsync(configure: options => options.LocalValidators.Capacity = 1);
        await cluster.SubmitHogAsync("hog");

        var waiting = await cluster.SubmitPublicAsync("patient", Repository.Program("sum"), [], new ResourceLimits
        {
            WallClock = TimeSpan.FromMilliseconds(500),
            DistributionTimeout = TimeSpan.FromSeconds(1),
        });
        var final = await cluster.WaitFinalAsync("patient");

        Assert.Equal((JobState.Submitted, 0), (waiting.State, waiting.Attempt));
        Assert.Equal((JobState.Rejected, 0), (final.State, final.Attempt));
        Assert.Contains("No 3 validators had free capacity", final.Reason);
    }

    [Fact]
    public async Task ASiloWhoseValidatorsTakeMoreWorkThanItsSchedulerAdmitsRefusesToStart()
    {
        // 6 validators × 4 = 24 executions the registry may assign, against 4 threads + 16 queued.
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => ComputeCluster.StartAsync(
            validators: 6, configure: options => options.LocalValidators.Capacity = 4));

        Assert.Contains("Count × Capacity", error.Message);
    }

    [Fact]
    public async Task TooFewValidatorsForACohortIsStillRefusedAtOnce()
    {
        await using var cluster = await ComputeCluster.StartAsync(configure: options => options.LocalValidators.Capacity = 1);
        await cluster.SubmitPublicAsync("running", WasmModules.Spin(3_000_000), []);

        var refused = await Assert.ThrowsAsync<JobSubmissionException>(() => cluster.Job("k4").SubmitAsync(
            JobSubmission.Public("k4", Repository.Program("sum"), [], cluster.Requester, replication: 4)));

        Assert.Equal(SubmissionError.NoValidators, refused.Error);
        await Assert.ThrowsAsync<UnknownJobException>(() => cluster.Job("k4").GetStatusAsync());
    }
}
