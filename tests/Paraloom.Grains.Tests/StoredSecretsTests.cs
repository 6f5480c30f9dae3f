using Microsoft.Data.Sqlite;
using Paraloom.Compute;
using Paraloom.Grains.Tests.Support;

namespace Paraloom.Grains.Tests;

/// <summary>What a reader of the data directory finds: no wrapped job key once its attempt closed, and nothing it may read at all unless it is the silo's user.</summary>
public sealed class StoredSecretsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-grains-").FullName;

    private string Data => Path.Combine(_directory, "data");

    private string Keys => Path.Combine(_directory, "keys");

    [Fact]
    public async Task WrappedKeysAreDeletedOnceTheirAttemptClosesAndTheFilesAreTheOwnersAlone()
    {
        await using (var cluster = await ComputeCluster.StartAsync(
            store: ParaloomStore.Sqlite(Path.Combine(Data, "paraloom.db")), keyDirectory: Keys))
        {
            await cluster.SubmitPrivateAsync("finished", Repository.Program("echo"), "canary"u8.ToArray());
            Assert.Equal(JobState.Finalised, (await cluster.WaitFinalAsync("finished")).State);
        }

        var stored = Assert.Single(await TestStores.StoredStatesAsync(ParaloomStore.Sqlite(Path.Combine(Data, "paraloom.db")), "job"));
        Assert.Contains("\"WrappedKeys\":{}", stored);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Data));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Keys));
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
