using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>
/// A requester's share, counted in one grain per requester key wherever its jobs live: jobs queued for a cohort and
/// watches open on its jobs. (Jobs in progress and stored bytes, over both transports: the client tests.)
/// </summary>
public sealed class RequesterLimitTests
{
    [Fact]
    public async Task A_requester_past_its_queued_jobs_is_refused_and_its_place_frees_once_one_gets_a_cohort()
    {
        await using var cluster = await ComputeCluster.StartAsync(configure: options =>
        {
            options.LocalValidators.Capacity = 1;
            options.RequesterLimits.QueuedJobs = 1;
        });
        await cluster.SubmitHogAsync("hog");
        var queued = await cluster.SubmitPublicAsync("queued", Repository.Program("sum"), []);
        Assert.Equal((JobState.Submitted, 0), (queued.State, queued.Attempt));

        var refused = await Assert.ThrowsAsync<RequesterLimitException>(() => cluster.SubmitPublicAsync("one-too-many", Repository.Program("sum"), []));

        Assert.Equal(RequesterLimitException.TooManyQueuedJobs, refused.Error);
        await Assert.ThrowsAsync<UnknownJobException>(() => cluster.Job("one-too-many").GetStatusAsync());
        Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync("queued")).State);
        await cluster.SubmitPublicAsync("after-the-queue", Repository.Program("sum"), []);
    }

    [Fact]
    public async Task A_watch_past_the_requesters_watches_is_refused_and_a_closed_one_frees_its_place()
    {
        await using var cluster = await ComputeCluster.StartAsync(configure: options => options.RequesterLimits.Watches = 1);
        // Busy for its whole minute of wall clock (or the ten seconds its fuel lasts): the watches wait on it.
        var hog = await cluster.SubmitPublicAsync("hog", WasmModules.InfiniteLoop(), [], new ResourceLimits
        {
            Fuel = 10_000_000_000,
            WallClock = TimeSpan.FromMinutes(1),
        });
        using var gone = new CancellationTokenSource();

        var watching = cluster.Job("hog").WaitForChangeAsync(hog.Version + 10, TimeSpan.FromSeconds(30), gone.Token);
        // Time for the first watch to take its place before the second asks for one.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(watching.IsCompleted);
        var refused = await Assert.ThrowsAsync<RequesterLimitException>(
            () => cluster.Job("hog").WaitForChangeAsync(hog.Version + 10, TimeSpan.FromSeconds(1), default));
        Assert.Equal(RequesterLimitException.TooManyWatches, refused.Error);
        // A status read is no watch: it is always answered.
        Assert.Equal("hog", (await cluster.Job("hog").WaitForChangeAsync(hog.Version, TimeSpan.Zero, default)).JobId);

        // The caller's cancellation reaches the grain after the call has ended for the caller: the place frees soon after.
        await gone.CancelAsync();
        await Record.ExceptionAsync(() => watching);
        await Eventually.ReachesAsync(
            async () => await Record.ExceptionAsync(() => cluster.Job("hog").WaitForChangeAsync(hog.Version + 10, TimeSpan.FromMilliseconds(200), default)),
            error => error is null, "a watch is taken again once the first is closed");
    }
}
