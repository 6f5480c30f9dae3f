using Paraloom.Actors.Tests.Grains;
using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests;

public sealed class ExceptionTests
{
    [Fact]
    public async Task An_exception_thrown_after_an_await_reaches_the_caller_unchanged_and_the_activation_survives()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var grain = cluster.GrainFactory.GetGrain<IFaultyGrain>("after-await");
        var before = await grain.ActivationId();

        var exception = await Assert.ThrowsAsync<GrainRuleException>(() => grain.ThrowAfterAwait("rule 7 broken"));

        Assert.Equal("rule 7 broken", exception.Message);
        Assert.Equal(before, await grain.ActivationId());
    }

    [Fact]
    public async Task An_exception_thrown_before_any_await_reaches_the_caller_as_a_faulted_task()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var grain = cluster.GrainFactory.GetGrain<IFaultyGrain>("sync");

        var call = grain.ThrowSynchronously("at once");
        var exception = await Assert.ThrowsAsync<GrainRuleException>(() => call);

        Assert.Equal("at once", exception.Message);
    }

    [Fact]
    public async Task A_failed_activation_fails_the_call_with_the_activation_exception_and_is_retried_by_the_next_call()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var grain = cluster.GrainFactory.GetGrain<IFailingActivationGrain>("nope");

        var first = await Assert.ThrowsAsync<GrainRuleException>(() => grain.Ping());
        var second = await Assert.ThrowsAsync<GrainRuleException>(() => grain.Ping());

        Assert.Equal("activation of nope refused", first.Message);
        Assert.Equal("activation of nope refused", second.Message);
    }
}
