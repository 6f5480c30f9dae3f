using Microsoft.Data.Sqlite;
using Npgsql;

namespace Paraloom.Grains;

/// <summary>
/// The database a silo keeps grain state and reminders in, through Orleans' ADO.NET providers: the kind,
/// the connection string and the ADO.NET invariant Orleans loads the provider by.
/// </summary>
public sealed record ParaloomStore
{
    private ParaloomStore(StoreKind kind, string connectionString)
    {
        Kind = kind;
        ConnectionString = connectionString;
    }

    public StoreKind Kind { get; }

    public string ConnectionString { get; }

    /// <summary>
    /// The invariant Orleans resolves the provider by: Orleans maps "System.Data.SQLite" to Microsoft.Data.Sqlite's
    /// factory (its own "Microsoft.Data.Sqlite" name is not registered).
    /// </summary>
    public string Invariant => Kind == StoreKind.Sqlite ? "System.Data.SQLite" : "Npgsql";

    /// <summary>One SQLite file at <paramref name="path"/> (created with its directory when missing).</summary>
    public static ParaloomStore Sqlite(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            // Writers queue on SQLite's lock instead of failing at once with "database is locked".
            DefaultTimeout = 30,
        };
        return new ParaloomStore(StoreKind.Sqlite, builder.ConnectionString);
    }

    /// <summary>A PostgreSQL database; the connection string is checked here, the connection when the silo starts.</summary>
    /// <exception cref="ArgumentException">The connection string does not parse.</exception>
    public static ParaloomStore PostgreSql(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        _ = new NpgsqlConnectionStringBuilder(connectionString);
        return new ParaloomStore(StoreKind.PostgreSql, connectionString);
    }

    /// <summary>Where the store is, for messages: the file, or host/database, never the password.</summary>
    public string Describe()
    {
        if (Kind == StoreKind.Sqlite)
        {
            return $"SQLite {new SqliteConnectionStringBuilder(ConnectionString).DataSource}";
        }
        var postgres = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"PostgreSQL {postgres.Host}:{postgres.Port}/{postgres.Database}";
    }

    public override string ToString() => Describe();
}
