using Microsoft.Extensions.DependencyInjection;
using Paraloom.Actors.Tests.Grains;
using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests;

public sealed class PersistenceTests : IDisposable
{
    private readonly TemporaryDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task State_is_loaded_before_OnActivateAsync_and_survives_a_graceful_restart()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log, _directory.Path);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("durable");
        await grain.Increment();
        await grain.Increment();
        await grain.AddNote("n1");

        await cluster.RestartAsync();
        grain = cluster.GrainFactory.GetGrain<ICounterGrain>("durable");

        Assert.Equal(2, await grain.Get());
        Assert.Equal(["n1"], await grain.Notes());
        Assert.Contains("activate durable count=2", log.Events);
    }

    [Fact]
    public async Task State_written_before_a_crash_is_there_after_it()
    {
        var log = new LifecycleLog();
        await using var cluster = await Clusters.StartAsync(log, _directory.Path);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("crash");
        for (var i = 0; i < 5; i++)
        {
            await grain.Increment();
        }

        await cluster.KillAsync();
        Assert.DoesNotContain(log.Events, e => e.StartsWith("deactivate", StringComparison.Ordinal));
        await cluster.StartAsync();

        Assert.Equal(5, await cluster.GrainFactory.GetGrain<ICounterGrain>("crash").Get());
    }

    [Fact]
    public async Task A_new_runtime_over_the_directory_of_one_that_never_stopped_sees_its_writes()
    {
        var log = new LifecycleLog();
        var abandoned = await Clusters.StartAsync(log, _directory.Path);
        await abandoned.GrainFactory.GetGrain<ICounterGrain>("twin").Increment();

        await using var successor = await Clusters.StartAsync(log, _directory.Path);
        try
        {
            Assert.Equal(1, await successor.GrainFactory.GetGrain<ICounterGrain>("twin").Get());
        }
        finally
        {
            await abandoned.KillAsync();
        }
    }

    [Fact]
    public async Task A_stale_activation_cannot_overwrite_newer_state_and_reloads_after_the_conflict()
    {
        var log = new LifecycleLog();
        var stale = await Clusters.StartAsync(log, _directory.Path);
        await using var fresh = await Clusters.StartAsync(log, _directory.Path);
        try
        {
            var staleGrain = stale.GrainFactory.GetGrain<ICounterGrain>("contested");
            var freshGrain = fresh.GrainFactory.GetGrain<ICounterGrain>("contested");
            await staleGrain.Get();
            await freshGrain.Increment();

            var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => staleGrain.Increment());

            Assert.Null(conflict.CurrentEtag);
            Assert.Equal("1", conflict.StoredEtag);
            Assert.Contains("contested", conflict.Message);
            Assert.Equal(2, await staleGrain.Increment()); // the conflict deactivated it; the new activation read version 1
        }
        finally
        {
            await stale.KillAsync();
        }
    }

    [Fact]
    public async Task Clearing_state_resets_it_and_keeps_the_version_counting()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog(), _directory.Path);
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("cleared");
        await grain.Increment();
        Assert.Equal("1", await grain.Etag());

        await grain.Clear();

        Assert.Equal(0, await grain.Get());
        Assert.Equal("2", await grain.Etag());
        await cluster.RestartAsync();
        grain = cluster.GrainFactory.GetGrain<ICounterGrain>("cleared");
        Assert.Equal(0, await grain.Get());
        Assert.Equal(1, await grain.Increment());
        Assert.Equal("3", await grain.Etag());
    }

    [Fact]
    public async Task A_corrupted_state_file_fails_the_call_with_a_clear_storage_error()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog(), _directory.Path);
        await cluster.GrainFactory.GetGrain<ICounterGrain>("broken").Increment();
        await cluster.StopAsync();
        var file = Assert.Single(Directory.GetFiles(_directory.Sub("grains"), "*.json", SearchOption.AllDirectories));
        await File.WriteAllTextAsync(file, "{\"format\":1,\"version\":");

        await cluster.StartAsync();
        var error = await Assert.ThrowsAsync<GrainStorageException>(() => cluster.GrainFactory.GetGrain<ICounterGrain>("broken").Get());

        Assert.Contains("state 'counter' of grain counter/broken", error.Message);
        Assert.Contains("not valid JSON", error.Message);
        Assert.Equal(0, await cluster.GrainFactory.GetGrain<ICounterGrain>("healthy").Get()); // the runtime lives on
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b\\c:d*e?f\"g<h>i|j")]
    [InlineData("..")]
    [InlineData("CON")]
    [InlineData(" leading and trailing ")]
    [InlineData("ключ-🚀-键")]
    [InlineData("line\nbreak\0nul")]
    public async Task Keys_with_odd_characters_store_their_own_state(string key)
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog(), _directory.Path);
        await cluster.GrainFactory.GetGrain<ICounterGrain>(key).Increment();
        await cluster.GrainFactory.GetGrain<ICounterGrain>(key + "x").AddNote("other");

        await cluster.RestartAsync();

        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>(key);
        Assert.Equal(1, await grain.Get());
        Assert.Equal(key, await grain.Key());
        Assert.Empty(await grain.Notes());
    }

    [Fact]
    public async Task Very_long_keys_and_keys_differing_only_in_case_get_distinct_files()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog(), _directory.Path);
        var longKey = new string('k', 5_000);
        await cluster.GrainFactory.GetGrain<ICounterGrain>(longKey).Increment();
        await cluster.GrainFactory.GetGrain<ICounterGrain>("Case").Increment();
        await cluster.GrainFactory.GetGrain<ICounterGrain>("case").Increment();
        await cluster.GrainFactory.GetGrain<ICounterGrain>("case").Increment();

        await cluster.RestartAsync();

        Assert.Equal(1, await cluster.GrainFactory.GetGrain<ICounterGrain>(longKey).Get());
        Assert.Equal(1, await cluster.GrainFactory.GetGrain<ICounterGrain>("Case").Get());
        Assert.Equal(2, await cluster.GrainFactory.GetGrain<ICounterGrain>("case").Get());
        var files = Directory.GetFiles(_directory.Sub("grains"), "*.json", SearchOption.AllDirectories);
        Assert.Equal(3, files.Select(f => Path.GetFileName(f).ToLowerInvariant()).Distinct().Count());
        Assert.All(files, f => Assert.True(Path.GetFileName(f).Length < 100));
    }

    [Fact]
    public async Task Memory_storage_applies_the_same_ETag_rules()
    {
        await using var cluster = await Clusters.StartAsync(new LifecycleLog());
        var storage = cluster.ServiceProvider.GetRequiredKeyedService<IGrainStorage>("store");
        var grain = cluster.GrainFactory.GetGrain<ICounterGrain>("in-memory");
        await grain.Increment();

        var outside = new GrainState<CounterState>(new CounterState());
        await storage.ReadStateAsync("counter", new GrainId("counter", "in-memory"), outside);
        outside.State.Count = 41;
        await storage.WriteStateAsync("counter", new GrainId("counter", "in-memory"), outside);

        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.Increment());
        Assert.Equal(42, await grain.Increment());
    }
}
