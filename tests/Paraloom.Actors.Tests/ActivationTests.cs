using Paraloom.Actors.Tests.Grains;
using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests;

public sealed class ActivationTests
{
    [Fact]
    public async Task First_call_activates_the_grain_and_later_calls_reach_the_same_activation()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("alpha");
        Assert.Empty(log.Events);

        var first = await grain.ActivationId();
        var second = await cluster.GrainFactory.GetGrain<ICounterGrain>("alpha").ActivationId();

        Assert.Equal(first, second);
        Assert.Equal(["activate alpha count=0"], log.Events);
    }

    [Fact]
    public async Task Different_keys_are_different_grains_and_keys_are_case_sensitive()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var upper = cluster.GrainFactory.GetGrain<ICounterGrain>("Key");
        var lower = cluster.GrainFactory.GetGrain<ICounterGrain>("key");

        await upper.Increment();
        await upper.Increment();
        await lower.Increment();

        Assert.Equal(2, await upper.Get());
        Assert.Equal(1, await lower.Get());
        Assert.NotEqual(await upper.ActivationId(), await lower.ActivationId());
        Assert.Equal("Key", await upper.Key());
    }

    [Fact]
    public async Task References_expose_their_identity_and_compare_by_it()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var a = cluster.GrainFactory.GetGrain<ICounterGrain>("same");
        var b = cluster.GrainFactory.GetGrain<ICounterGrain>("same");

        Assert.Equal("same", a.GetPrimaryKeyString());
        Assert.Equal(new GrainId("counter", "same"), a.GetGrainId());
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, cluster.GrainFactory.GetGrain<ICounterGrain>("other"));
    }

    [Fact]
    public async Task ValueTask_methods_work()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("value-task");
        await grain.Increment();

        Assert.Equal(1, await grain.GetViaValueTask());
    }

    [Fact]
    public async Task DeactivateOnIdle_ends_the_activation_and_the_next_call_activates_a_new_one()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("bounce");
        await grain.Increment();
        var before = await grain.ActivationId();

        await grain.Deactivate();
        var after = await grain.ActivationId();

        Assert.NotEqual(before, after);
        Assert.Equal(1, await grain.Get());
        Assert.Equal(["activate bounce count=0", "deactivate bounce ApplicationRequested", "activate bounce count=1"], log.Events);
    }

    [Fact]
    public async Task Calls_queued_behind_a_deactivation_are_delivered_to_a_new_activation()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("queued");
        var before = await grain.ActivationId();

        var deactivate = grain.Deactivate();
        var increments = Enumerable.Range(0, 20).Select(_ => grain.Increment()).ToList();
        await deactivate;
        var results = await Task.WhenAll(increments);

        Assert.Equal(Enumerable.Range(1, 20), results.Order());
        Assert.NotEqual(before, await grain.ActivationId());
        Assert.Equal(1, log.Count("deactivate queued ApplicationRequested"));
    }

    [Fact]
    public async Task Idle_activations_are_collected_and_reactivated_on_the_next_call()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log, configure: silo => silo.Configure<GrainCollectionOptions>(options =>
        {
            // Long enough that a loaded machine never collects the grain between the first two calls.
            options.CollectionAge = TimeSpan.FromSeconds(1);
            options.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        }));
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("idle");
        await grain.Increment();
        var before = await grain.ActivationId();

        await Eventually.True(() => log.Count("deactivate idle ActivationIdle") == 1, "the idle activation to be collected");
        var after = await grain.ActivationId();

        Assert.NotEqual(before, after);
        Assert.Equal(1, await grain.Get());
    }

    [Fact]
    public async Task Stopping_the_runtime_deactivates_every_activation()
    {
        var log = new LifecycleLog();
        var cluster = await Clusters.StartAsync(log);
        await cluster.GrainFactory.GetGrain<ICounterGrain>("one").Increment();
        await cluster.GrainFactory.GetGrain<ICounterGrain>("two").Increment();

        await cluster.StopAsync();

        Assert.Equal(1, log.Count("deactivate one ShuttingDown"));
        Assert.Equal(1, log.Count("deactivate two ShuttingDown"));
    }

    [Fact]
    public async Task Calls_after_the_runtime_stopped_fail_with_SiloUnavailableException()
    {
        var cluster = await Clusters.StartAsync(new LifecycleLog());
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("late");
        await cluster.StopAsync();

        await Assert.ThrowsAsync<SiloUnavailableException>(() => grain.Increment());
    }

    [Fact]
    public async Task Grain_constructors_get_services_from_dependency_injection()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log);

        await cluster.GrainFactory.GetGrain<ICounterGrain>("di").Get();

        Assert.Contains("activate di count=0", log.Events);
    }
}
