using Paraloom.Actors.Tests.Grains;
using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests;

public sealed class TimerTests
{
    [Fact]
    public async Task A_timer_ticks_repeatedly_and_stops_when_disposed()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>("ticker");
        await grain.Start(periodMilliseconds: 20, keepAlive: false);

        await Eventually.True(async () => await grain.Ticks() >= 3, "three ticks");
        var final = await grain.Stop();
        await Task.Delay(200);

        Assert.Equal(final, await grain.Ticks());
    }

    [Fact]
    public async Task Ticks_are_turns_they_never_overlap_a_running_call()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var grain = cluster.GrainFactory.GetGrain<ITimerGrain>("turns");
        await grain.Start(periodMilliseconds: 5, keepAlive: false);

        for (var i = 0; i < 5; i++)
        {
            await grain.Busy(30);
        }

        await Eventually.True(async () => await grain.Ticks() >= 5, "ticks between the calls");
        Assert.Equal(1, await grain.MaxInside());
    }

    [Fact]
    public async Task Ticks_do_not_keep_an_activation_alive_unless_asked_to()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log, configure: silo => silo.Configure<GrainCollectionOptions>(options =>
        {
            // Far longer than the 20 ms tick period, so ticks a loaded machine delays still keep the kept grain alive.
            options.CollectionAge = TimeSpan.FromSeconds(1);
            options.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        }));
        var idle = cluster.GrainFactory.GetGrain<ITimerGrain>("idle");
        var kept = cluster.GrainFactory.GetGrain<ITimerGrain>("kept");
        await idle.Start(periodMilliseconds: 20, keepAlive: false);
        await kept.Start(periodMilliseconds: 20, keepAlive: true);

        await Eventually.True(() => log.Count("timer deactivate idle ActivationIdle") == 1, "the idle timer grain to be collected");

        Assert.Equal(0, log.CountStartingWith("timer deactivate kept"));
        Assert.True(await kept.Ticks() >= 3);
        Assert.Equal(0, await idle.Ticks()); // a new activation: the old timer died with the old activation
    }
}
