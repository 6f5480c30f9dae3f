using Microsoft.Data.Sqlite;

namespace Paraloom.Grains.Tests;

/// <summary>The embedded store's one writer on a real SQLite file: group commit, isolation of a failing write, durability.</summary>
public sealed class SqliteWriterTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("paraloom-writer-").FullName;
    private readonly string _connectionString;

    public SqliteWriterTests()
    {
        _connectionString = ParaloomStore.Sqlite(Path.Combine(_directory, "writer.db")).ConnectionString;
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE Rows (Name TEXT PRIMARY KEY);";
        command.ExecuteNonQuery();
    }

    [Fact]
    public async Task WritesQueuedWhileACommitIsUnderWayAreCommittedTogetherInOneTransaction()
    {
        using var writer = new SqliteWriter(_connectionString);
        using var release = new ManualResetEventSlim();
        var blocking = writer.WriteAsync(statements =>
        {
            release.Wait();
            return Insert(statements, "first");
        });
        // Each queued write looks from outside at how many of the queued rows are committed when its turn comes:
        // one transaction for all of them means none is, whichever runs last.
        var queued = Enumerable.Range(0, 20).Select(i => writer.WriteAsync(statements =>
        {
            Insert(statements, $"queued-{i}");
            return CommittedCount("queued-%");
        })).ToList();
        release.Set();
        await blocking;

        var seen = await Task.WhenAll(queued);

        Assert.All(seen, committed => Assert.Equal(0, committed));
        Assert.Equal(20, CommittedCount("queued-%"));
    }

    [Fact]
    public async Task AWriteThatFailsIsUndoneAloneAndTheOthersInItsTransactionCommit()
    {
        using var writer = new SqliteWriter(_connectionString);
        using var release = new ManualResetEventSlim();
        var blocking = writer.WriteAsync(statements =>
        {
            release.Wait();
            return Insert(statements, "first");
        });
        var before = writer.WriteAsync(statements => Insert(statements, "before"));
        var failing = writer.WriteAsync(statements =>
        {
            Insert(statements, "half-done");
            return Insert(statements, "before");
        });
        var after = writer.WriteAsync(statements => Insert(statements, "after"));
        release.Set();
        await blocking;

        await before;
        await after;
        var error = await Assert.ThrowsAsync<SqliteException>(() => failing);

        Assert.Contains("UNIQUE", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, CommittedCount("%"));
        Assert.Equal(0, CommittedCount("half-done"));
    }

    [Fact]
    public async Task AWriteIsOnDiskWhenItsTaskCompletesAndDisposingCommitsWhatWasQueued()
    {
        var writer = new SqliteWriter(_connectionString);
        await writer.WriteAsync(statements => Insert(statements, "awaited"));
        Assert.Equal(1, CommittedCount("awaited"));

        var queued = Enumerable.Range(0, 50).Select(i => writer.WriteAsync(statements => Insert(statements, $"queued-{i}"))).ToList();
        writer.Dispose();

        Assert.All(queued, task => Assert.True(task.IsCompletedSuccessfully));
        Assert.Equal(50, CommittedCount("queued-%"));
        Assert.Throws<ObjectDisposedException>(() => { _ = writer.WriteAsync(statements => Insert(statements, "late")); });
    }

    private static int Insert(SqliteStatements statements, string name)
    {
        var command = statements.Get("INSERT INTO Rows (Name) VALUES (@Name);", "@Name");
        command.Parameters["@Name"].Value = name;
        return command.ExecuteNonQuery();
    }

    private int CommittedCount(string pattern)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM Rows WHERE Name LIKE @Pattern;";
        command.Parameters.AddWithValue("@Pattern", pattern);
        return Convert.ToInt32(command.ExecuteScalar());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
