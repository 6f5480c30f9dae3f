namespace Paraloom.Grains;

/// <summary>
/// A silo's embedded store: its one <see cref="SqliteWriter"/> and its <see cref="SqliteReaders"/>, opened on first use
/// (after <see cref="SchemaMigration"/> has created the file and its schema) and closed with the silo, once the
/// writes queued by then are committed.
/// </summary>
internal sealed class SqliteStore(ParaloomStore store) : IDisposable
{
    private readonly Lazy<SqliteWriter> _writer = new(() => new SqliteWriter(store.ConnectionString));
    private readonly Lazy<SqliteReaders> _readers = new(() => new SqliteReaders(store.ConnectionString));

    public SqliteWriter Writer => _writer.Value;

    public SqliteReaders Readers => _readers.Value;

    public void Dispose()
    {
        if (_writer.IsValueCreated)
        {
            _writer.Value.Dispose();
        }
        if (_readers.IsValueCreated)
        {
            _readers.Value.Dispose();
        }
    }
}
