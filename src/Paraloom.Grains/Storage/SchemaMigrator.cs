using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Paraloom.Grains;

/// <summary>
/// Applies the SQL scripts Orleans' ADO.NET providers need (Storage/Sql, embedded) to a store that lacks them:
/// the query table, then grain state, then reminders, then (PostgreSQL only) cluster membership, each only when its
/// table is missing, so running it again changes nothing.
/// </summary>
public static class SchemaMigrator
{
    private static readonly (string Table, string Script, bool PostgreSqlOnly)[] Steps =
    [
        ("orleansquery", "Main", false),
        ("orleansstorage", "Persistence", false),
        ("orleansreminderstable", "Reminders", false),
        // Several silos form one cluster only on PostgreSQL; a SQLite file is one silo's (localhost clustering).
        ("orleansmembershiptable", "Clustering", true),
    ];

    /// <summary>Creates what is missing and returns the scripts it applied (empty when the schema was complete).</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(ParaloomStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (store.Kind == StoreKind.Sqlite)
        {
            OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(new SqliteConnectionStringBuilder(store.ConnectionString).DataSource)!);
        }
        await using var connection = Open(store);
        await connection.OpenAsync(cancellationToken);
        if (store.Kind == StoreKind.Sqlite)
        {
            // Write-ahead logging: readers do not block the writer, and a killed process leaves a consistent file.
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", cancellationToken);
        }
        var applied = new List<string>();
        foreach (var (table, script, postgreSqlOnly) in Steps)
        {
            if ((postgreSqlOnly && store.Kind != StoreKind.PostgreSql) || await TableExistsAsync(store.Kind, connection, table, cancellationToken))
            {
                continue;
            }
            var name = $"{(store.Kind == StoreKind.Sqlite ? "Sqlite" : "PostgreSQL")}-{script}.sql";
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await ExecuteAsync(connection, ReadScript(name), cancellationToken, transaction);
            await transaction.CommitAsync(cancellationToken);
            applied.Add(name);
        }
        return applied;
    }

    /// <summary>Opens and closes a connection and runs a trivial query: whether the store answers now.</summary>
    public static async Task PingAsync(ParaloomStore store, CancellationToken cancellationToken = default)
    {
        await using var connection = Open(store);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "SELECT 1;", cancellationToken);
    }

    private static DbConnection Open(ParaloomStore store) => store.Kind == StoreKind.Sqlite
        ? new SqliteConnection(store.ConnectionString)
        : new NpgsqlConnection(store.ConnectionString);

    private static async Task<bool> TableExistsAsync(StoreKind kind, DbConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = kind == StoreKind.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND lower(name) = @name;"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = @name;";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = table;
        command.Parameters.Add(parameter);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)) > 0;
    }

    private static async Task ExecuteAsync(
        DbConnection connection, string sql, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string ReadScript(string name)
    {
        using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream($"sql/{name}")
            ?? throw new InvalidOperationException($"The SQL script {name} is not embedded in this build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
