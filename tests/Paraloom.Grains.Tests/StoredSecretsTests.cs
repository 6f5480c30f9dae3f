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

        var stored = Assert.Single(StoredJobStates());
        Assert.Contains("\"WrappedKeys\":{}", stored);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Data));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Keys));
        }
    }

    /// <summary>The jobs' stored states as the store holds them (Orleans' System.Text.Json payloads).</summary>
    private List<string> StoredJobStates()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Data, "paraloom.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = 'job' AND PayloadBinary IS NOT NULL";
        using var reader = command.ExecuteReader();
        var states = new List<string>();
        while (reader.Read())
        {
            states.Add(System.Text.Encoding.UTF8.GetString((byte[])reader[0]));
        }
        return states;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
