using Paraloom.Actors.Tests.Grains;
using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests;

public sealed class TurnTests
{
    [Fact]
    public async Task Concurrent_calls_to_a_non_reentrant_grain_never_overlap_even_across_awaits()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var grain = cluster.GrainFactory.GetGrain<ISerialProbeGrain>("serial");

        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => grain.Work(5)));

        Assert.Equal(1, await grain.MaxInside());
    }

    [Fact]
    public async Task Calls_to_a_reentrant_grain_interleave_at_awaits()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var grain = cluster.GrainFactory.GetGrain<IReentrantProbeGrain>("reentrant");

        await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => grain.Work(50)));

        Assert.True(await grain.MaxInside() > 1, "reentrant calls should have interleaved");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Grain_code_never_runs_on_two_threads_at_once(bool reentrant)
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        IProbeGrain grain = reentrant
            ? cluster.GrainFactory.GetGrain<IReentrantProbeGrain>("threads")
            : cluster.GrainFactory.GetGrain<ISerialProbeGrain>("threads");

        await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => grain.Spin()));

        Assert.Equal(1, await grain.MaxParallel());
    }

    [Fact]
    public async Task An_AlwaysInterleave_method_runs_while_another_call_holds_the_turn()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var grain = cluster.GrainFactory.GetGrain<ISerialProbeGrain>("interleave");
        var slow = grain.Work(2_000);

        await Eventually.True(async () => await grain.InsideNow() == 1, "the AlwaysInterleave call to observe the running call");

        Assert.False(slow.IsCompleted);
        await slow;
    }

    [Fact]
    public async Task A_one_way_call_returns_before_the_grain_finishes_it()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var grain = cluster.GrainFactory.GetGrain<ISerialProbeGrain>("one-way");

        var call = grain.SlowOneWay(300);

        Assert.True(call.IsCompletedSuccessfully);
        Assert.Equal(1, await grain.OneWayCompleted()); // queued behind the one-way call, so it sees it done
    }

    [Fact]
    public async Task A_grain_calling_itself_deadlocks_and_the_caller_gets_a_timeout_that_explains_why()
    {
        await using var cluster = await Clusters.StartAsync(
            new LifecycleLog(),
            configure: silo => silo.Configure<MessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromMilliseconds(300)));
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("self");

        var timeout = await Assert.ThrowsAsync<TimeoutException>(() => grain.IncrementSelfThroughReference());

        Assert.True(timeout.Message.Contains("call cycle"), timeout.ToString());
        await Eventually.True(async () => await grain.Get() == 1, "the inner call to run once the outer turn gave up");
    }
}
