using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>
/// An Orleans client watching a job grain directly: the grain wakes the watch when it stores a transition, and a cancelled
/// watch ends.
/// </summary>
public sealed class JobWatchTests(SharedCluster shared) : IClassFixture<SharedCluster>
{
    /// <summary>Shorter than one wait (<see cref="JobWatch.MaxWait"/>): a watch answered inside it was woken, not timed out.</summary>
    private static readonly TimeSpan WokenWithin = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task AWatchThroughTheClusterClientIsWokenByTheNextStoredTransition()
    {
        var cluster = shared.Cluster;
        var awaiting = await cluster.SubmitPrivateAsync("watched", Repository.Program("echo"), "watched"u8.ToArray());
        var watch = cluster.Job("watched").WaitForChangeAsync(awaiting.Version, JobWatch.MaxWait);
        await Task.Delay(200);
        Assert.False(watch.IsCompleted);

        await cluster.HandOutAsync(awaiting);
        var woken = await watch.WaitAsync(WokenWithin);

        Assert.True(woken.Version > awaiting.Version);
        Assert.NotEqual(JobState.AwaitingKeys, woken.State);
        var final = await cluster.WaitFinalAsync("watched");
        Assert.True(final.Version > woken.Version);
        // A final job answers at once, whatever version is asked for.
        var after = await cluster.Job("watched").WaitForChangeAsync(final.Version + 10, JobWatch.MaxWait).WaitAsync(WokenWithin);
        Assert.Equal(final.Version, after.Version);
    }

    [Fact]
    public async Task AWatchEndsWhenItsCallerCancelsItAndWithTheUnchangedStatusWhenItsWaitRunsOut()
    {
        var cluster = shared.Cluster;
        var awaiting = await cluster.SubmitPrivateAsync("abandoned", Repository.Program("echo"), "abandoned"u8.ToArray());
        using var cancel = new CancellationTokenSource();
        var watch = cluster.Job("abandoned").WaitForChangeAsync(awaiting.Version, JobWatch.MaxWait, cancel.Token);
        await Task.Delay(200);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watch.WaitAsync(WokenWithin));

        var unchanged = await cluster.Job("abandoned").WaitForChangeAsync(awaiting.Version, TimeSpan.FromMilliseconds(200));
        Assert.Equal(awaiting.Version, unchanged.Version);
        Assert.Equal(JobState.AwaitingKeys, unchanged.State);
    }

    [Fact]
    public async Task WatchingAJobNobodySubmittedIsRefused()
    {
        await Assert.ThrowsAsync<UnknownJobException>(() => shared.Cluster.Job("never-submitted").WaitForChangeAsync(0, TimeSpan.FromSeconds(1)));
    }
}
