using System.Collections.Concurrent;

namespace Paraloom.Grains;

/// <summary>
/// Reading connections of the embedded store, each with its prepared statements, lent to one caller at a time. In
/// WAL mode a reader sees every committed write and neither waits for the writer nor holds it up.
/// </summary>
internal sealed class SqliteReaders(string connectionString) : IDisposable
{
    private readonly ConcurrentBag<SqliteStatements> _idle = [];

    public T Read<T>(Func<SqliteStatements, T> read)
    {
        var statements = _idle.TryTake(out var idle) ? idle : new SqliteStatements(connectionString);
        try
        {
            return read(statements);
        }
        finally
        {
            _idle.Add(statements);
        }
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var statements))
        {
            statements.Dispose();
        }
    }
}
