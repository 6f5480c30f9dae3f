using Microsoft.Extensions.DependencyInjection;
using Paraloom.Actors.Testing;
using Paraloom.Actors.Tests.Grains;
using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests;

public sealed class ReminderTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_reminder_fires_repeatedly_until_unregistered()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log);
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("r1");

        await grain.Remind("beat", dueMilliseconds: 0, periodMilliseconds: 60);
        await Eventually.True(() => log.Count("tick r1 beat") >= 3, "three reminder ticks");
        Assert.Equal(["beat"], await grain.ReminderNames());

        await grain.Forget("beat");
        var afterForget = log.Count("tick r1 beat");
        await Task.Delay(300);

        Assert.False(await grain.Has("beat"));
        Assert.InRange(log.Count("tick r1 beat"), afterForget, afterForget + 1); // at most the tick already in flight
    }

    [Fact]
    public async Task A_reminder_activates_its_grain_after_it_was_deactivated()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log, configure: silo => silo.Configure<GrainCollectionOptions>(options =>
        {
            options.CollectionAge = TimeSpan.FromMilliseconds(100);
            options.CollectionQuantum = TimeSpan.FromMilliseconds(50);
        }));
        await cluster.GrainFactory.GetGrain<IReminderGrain>("sleeper").Remind("wake", dueMilliseconds: 600, periodMilliseconds: 60_000);

        await Eventually.True(() => log.Count("tick sleeper wake") == 1, "the reminder to fire on a collected grain");
    }

    [Fact]
    public async Task Reminders_fire_again_in_a_new_runtime_after_a_crash_without_any_call()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log, _directory.Path);
        await cluster.GrainFactory.GetGrain<IReminderGrain>("durable").Remind("beat", dueMilliseconds: 0, periodMilliseconds: 100);
        await Eventually.True(() => log.Count("tick durable beat") >= 1, "a tick before the crash");

        await cluster.KillAsync();
        var beforeRestart = log.Count("tick durable beat");
        await cluster.StartAsync();

        await Eventually.True(() => log.Count("tick durable beat") >= beforeRestart + 2, "ticks after the restart");
    }

    [Fact]
    public async Task A_tick_missed_while_down_fires_once_on_start()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log, _directory.Path);
        await cluster.GrainFactory.GetGrain<IReminderGrain>("missed").Remind("late", dueMilliseconds: 200, periodMilliseconds: 3_600_000);
        await cluster.KillAsync();
        await Task.Delay(400); // the due time passes while no runtime runs

        await cluster.StartAsync();
        await Eventually.True(() => log.Count("tick missed late") == 1, "the missed tick");
        await cluster.RestartAsync();
        await Task.Delay(300);

        Assert.Equal(1, log.Count("tick missed late")); // delivered and recorded: a restart does not repeat it
    }

    [Fact]
    public async Task Re_registering_a_reminder_replaces_its_schedule()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log);
        var grain = cluster.GrainFactory.GetGrain<IReminderGrain>("moved");

        await grain.Remind("r", dueMilliseconds: 3_600_000, periodMilliseconds: 3_600_000);
        await grain.Remind("r", dueMilliseconds: 0, periodMilliseconds: 3_600_000);

        await Eventually.True(() => log.Count("tick moved r") == 1, "the rescheduled reminder");
        Assert.Equal(["r"], await grain.ReminderNames());
    }

    [Fact]
    public async Task Reminder_misuse_gets_clear_errors()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());

        var notRemindable = await Assert.ThrowsAsync<InvalidOperationException>(
            () => cluster.GrainFactory.GetGrain<IPlainGrain>("plain").TryRegisterReminder());
        var tooFrequent = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => cluster.GrainFactory.GetGrain<IReminderGrain>("eager").Remind("r", 0, 1));

        Assert.Contains("must implement IRemindable", notRemindable.Message);
        Assert.Contains("MinimumReminderPeriod", tooFrequent.Message);
    }

    [Fact]
    public async Task Without_a_reminder_service_registering_a_reminder_says_how_to_configure_one()
    {
        await using var cluster = new InProcessTestCluster(
            silo => silo.AddGrain<IReminderGrain, ReminderGrain>(),
            services => services.AddSingleton(new LifecycleLog()));
        await cluster.StartAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => cluster.GrainFactory.GetGrain<IReminderGrain>("none").Remind("r", 0, 60_000));

        Assert.Contains("UseInMemoryReminderService", error.Message);
    }
}
