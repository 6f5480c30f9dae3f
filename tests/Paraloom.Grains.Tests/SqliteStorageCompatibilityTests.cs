using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;
using Orleans.TestingHost;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>
/// A store written by Orleans' ADO.NET provider (what earlier versions of the silo used for the embedded store) is read
/// and updated in place by the single writer's storage, and the other way round: same rows, keys and versions.
/// </summary>
public sealed class SqliteStorageCompatibilityTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-compat-").FullName;
    private ParaloomStore _store = null!;

    private static readonly GrainId[] Grains =
    [
        GrainId.Create("job", "a-job-id"),
        GrainId.Create(GrainType.Create("quorum"), GrainIdKeyExtensions.CreateGuidKey(Guid.Parse("0d3c3b4e-6a51-4f0e-9a43-7f1f9c1b2a10"), "attempt-2")),
        GrainId.Create(GrainType.Create("registry"), GrainIdKeyExtensions.CreateIntegerKey(42)),
        GrainId.Create(GrainType.Create("module"), GrainIdKeyExtensions.CreateIntegerKey(7, "extension")),
    ];

    public async Task InitializeAsync()
    {
        _store = TestStores.Sqlite(_directory);
        await SchemaMigrator.MigrateAsync(_store);
    }

    [Fact]
    public async Task StateWrittenByOrleansAdoNetProviderIsReadAndUpdatedInPlaceAndReadBackByIt()
    {
        await WithStorageAsync(useOrleansProvider: true, async storage =>
        {
            foreach (var grain in Grains)
            {
                await storage.WriteStateAsync("probe", grain, new GrainState<ProbeState> { State = new ProbeState { Text = $"v1 {grain}" } });
            }
        });

        await WithStorageAsync(useOrleansProvider: false, async storage =>
        {
            foreach (var grain in Grains)
            {
                var state = new GrainState<ProbeState>();
                await storage.ReadStateAsync("probe", grain, state);
                Assert.True(state.RecordExists);
                Assert.Equal(($"v1 {grain}", "1"), (state.State!.Text, state.ETag));
                state.State!.Text = $"v2 {grain}";
                await storage.WriteStateAsync("probe", grain, state);
                Assert.Equal("2", state.ETag);
                // A write from a stale version is refused, as Orleans' provider refuses it.
                await Assert.ThrowsAsync<InconsistentStateException>(() =>
                    storage.WriteStateAsync("probe", grain, new GrainState<ProbeState> { State = new ProbeState { Text = "stale" }, ETag = "1" }));
                await Assert.ThrowsAsync<InconsistentStateException>(() =>
                    storage.WriteStateAsync("probe", grain, new GrainState<ProbeState> { State = new ProbeState { Text = "unversioned" } }));
            }
        });

        await WithStorageAsync(useOrleansProvider: true, async storage =>
        {
            foreach (var grain in Grains)
            {
                var state = new GrainState<ProbeState>();
                await storage.ReadStateAsync("probe", grain, state);
                Assert.Equal(($"v2 {grain}", "2"), (state.State!.Text, state.ETag));
            }
        });
        // Updated in place: still one row per grain.
        Assert.Equal(Grains.Length, (await TestStores.QueryAsync(_store, "SELECT GrainIdHash FROM OrleansStorage;")).Count);
    }

    [Fact]
    public async Task ClearedStateIsGoneForBothProvidersAndCanBeWrittenAgain()
    {
        var grain = Grains[0];
        await WithStorageAsync(useOrleansProvider: false, async storage =>
        {
            var state = new GrainState<ProbeState> { State = new ProbeState { Text = "to clear" } };
            await storage.WriteStateAsync("probe", grain, state);
            await storage.ClearStateAsync("probe", grain, state);
            Assert.False(state.RecordExists);
        });
        await WithStorageAsync(useOrleansProvider: true, async storage =>
        {
            var state = new GrainState<ProbeState>();
            await storage.ReadStateAsync("probe", grain, state);
            Assert.False(state.RecordExists);
            Assert.Equal("", state.State!.Text);
            state.State!.Text = "again";
            await storage.WriteStateAsync("probe", grain, state);
        });
        await WithStorageAsync(useOrleansProvider: false, async storage =>
        {
            var state = new GrainState<ProbeState>();
            await storage.ReadStateAsync("probe", grain, state);
            Assert.Equal("again", state.State!.Text);
        });
    }

    private async Task WithStorageAsync(bool useOrleansProvider, Func<IGrainStorage, Task> use)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "paraloom-compat-tests";
        builder.ConfigureSilo((_, silo) =>
        {
            if (useOrleansProvider)
            {
                silo.UseSystemTextJsonGrainStorageSerializer().AddAdoNetGrainStorageAsDefault(options =>
                {
                    options.Invariant = _store.Invariant;
                    options.ConnectionString = _store.ConnectionString;
                });
            }
            else
            {
                silo.UseParaloomStore(_store);
            }
        });
        await using var cluster = builder.Build();
        await cluster.DeployAsync();
        await use(cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME));
    }

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    public sealed class ProbeState
    {
        public string Text { get; set; } = "";
    }
}
