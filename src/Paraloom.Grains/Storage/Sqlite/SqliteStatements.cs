using Microsoft.Data.Sqlite;

namespace Paraloom.Grains;

/// <summary>
/// One SQLite connection and the statements prepared on it, each parsed once and reused with new parameter values
/// (Orleans' ADO.NET provider sends its nine-statement write script to be parsed again on every write).
/// Not thread-safe: one caller at a time, which <see cref="SqliteWriter"/> and <see cref="SqliteReaders"/> ensure.
/// </summary>
internal sealed class SqliteStatements : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

    public SqliteStatements(string connectionString)
    {
        // This connection is owned for the process's life, so it stays out of Microsoft.Data.Sqlite's pool; and SQLite's
        // own busy handler (not Microsoft.Data.Sqlite's 150 ms sleeps on a pool thread) waits for another process's lock.
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = false, DefaultTimeout = 0 };
        Connection = new SqliteConnection(builder.ConnectionString);
        Connection.Open();
        Execute("PRAGMA busy_timeout = 30000;");
    }

    public SqliteConnection Connection { get; }

    /// <summary>The prepared statement for <paramref name="sql"/>, its parameters named in <paramref name="parameters"/>.</summary>
    public SqliteCommand Get(string sql, params string[] parameters)
    {
        if (_prepared.TryGetValue(sql, out var command))
        {
            return command;
        }
        command = Connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }
        command.Prepare();
        _prepared.Add(sql, command);
        return command;
    }

    public void Execute(string sql) => Get(sql).ExecuteNonQuery();

    public void Dispose()
    {
        foreach (var command in _prepared.Values)
        {
            command.Dispose();
        }
        Connection.Dispose();
    }
}
