using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>What the grains leave in a real store, through Orleans' ADO.NET providers and our schema scripts.</summary>
public abstract class StoreTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-store-").FullName;

    protected string TemporaryDirectory => _directory;

    private protected ParaloomStore Store { get; private set; } = null!;

    private protected abstract Task<ParaloomStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task MigratingCreatesTheSchemaOnceAndAgainChangesNothing()
    {
        var first = await SchemaMigrator.MigrateAsync(Store);
        var again = await SchemaMigrator.MigrateAsync(Store);

        // PostgreSQL also gets the membership table several silos share; a SQLite file is one silo's.
        var clustered = Store.Kind == StoreKind.PostgreSql;
        Assert.Equal(clustered ? 4 : 3, first.Count);
        Assert.Contains(first, script => script.EndsWith("-Reminders.sql", StringComparison.Ordinal));
        Assert.Equal(clustered, first.Any(script => script.EndsWith("-Clustering.sql", StringComparison.Ordinal)));
        Assert.Empty(again);
        var queries = await TestStores.QueryAsync(Store, "SELECT QueryKey FROM OrleansQuery;");
        Assert.Contains("UpsertReminderRowKey", queries);
        Assert.Contains("WriteToStorageKey", queries);
        Assert.Equal(clustered, queries.Contains("InsertMembershipKey"));
    }

    [Fact]
    public async Task JobsStoreTheirModuleOnceByHashAndStateAsJsonWithoutTypeNames()
    {
        var module = Repository.Program("sum");
        await using (var cluster = await ComputeCluster.StartAsync(store: Store))
        {
            foreach (var jobId in new[] { "first", "second" })
            {
                await cluster.SubmitPublicAsync(jobId, module, ProgramInputs.Numbers(1, 2, 3));
                Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync(jobId)).State);
            }
        }

        var modules = await TestStores.QueryAsync(Store, "SELECT GrainIdExtensionString FROM OrleansStorage WHERE GrainTypeString = 'module';");
        Assert.Equal([ModuleKey.For(module)], modules);
        var jobs = await TestStores.StoredStatesAsync(Store, "job");
        Assert.Equal(2, jobs.Count);
        foreach (var json in jobs)
        {
            using var document = JsonDocument.Parse(json);
            Assert.Equal(ModuleKey.For(module), document.RootElement.GetProperty("ModuleHash").GetString());
            Assert.DoesNotContain("$type", json, StringComparison.Ordinal);
            Assert.DoesNotContain("Paraloom.", json, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(module), json, StringComparison.Ordinal);
        }
        // The reminder that drove each job was deleted once the job was final.
        Assert.Empty(await TestStores.QueryAsync(Store, "SELECT GrainId FROM OrleansRemindersTable WHERE ReminderName = 'deadlines';"));
    }
}

public sealed class SqliteStoreTests : StoreTests
{
    private protected override Task<ParaloomStore> CreateStoreAsync() => Task.FromResult(TestStores.Sqlite(TemporaryDirectory));
}

public sealed class PostgreSqlStoreTests : StoreTests
{
    private protected override Task<ParaloomStore> CreateStoreAsync() => TestStores.PostgreSqlAsync("store");
}
