using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Paraloom.Grains.Tests.Support;

/// <summary>
/// Fresh, empty stores for one test: a SQLite file in a temporary directory, or a database of its own on the
/// PostgreSQL that ./test.sh starts (its connection string in <see cref="PostgreSqlVariable"/>).
/// </summary>
internal static class TestStores
{
    public const string PostgreSqlVariable = "PARALOOM_TEST_POSTGRES";

    public static ParaloomStore Sqlite(string directory) => ParaloomStore.Sqlite(Path.Combine(directory, "paraloom.db"));

    /// <summary>Creates an empty database of its own (named after <paramref name="name"/>, made unique); the server goes when ./test.sh ends.</summary>
    /// <exception cref="InvalidOperationException">No PostgreSQL is configured: these tests need ./test.sh's server.</exception>
    public static async Task<ParaloomStore> PostgreSqlAsync(string name)
    {
        var server = Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgreSqlVariable} is not set: the PostgreSQL tests run against the server ./test.sh starts.");
        var database = $"paraloom_{name}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{database}\";";
            await create.ExecuteNonQueryAsync();
        }
        return ParaloomStore.PostgreSql(new NpgsqlConnectionStringBuilder(server) { Database = database, Pooling = false }.ConnectionString);
    }

    /// <summary>The stored states of every grain of <paramref name="grainType"/>, as the store holds them (JSON text).</summary>
    public static async Task<IReadOnlyList<string>> StoredStatesAsync(ParaloomStore store, string grainType) =>
        [
            .. (await QueryAsync(store, $"SELECT PayloadBinary FROM OrleansStorage WHERE GrainTypeString = '{grainType}' AND PayloadBinary IS NOT NULL;"))
                .Select(payload => Encoding.UTF8.GetString((byte[])payload!)),
        ];

    /// <summary>Runs a query against the store and returns the first column of every row.</summary>
    public static async Task<IReadOnlyList<object?>> QueryAsync(ParaloomStore store, string sql)
    {
        await using DbConnection connection = store.Kind == StoreKind.Sqlite
            ? new SqliteConnection(store.ConnectionString)
            : new NpgsqlConnection(store.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<object?>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.IsDBNull(0) ? null : reader.GetValue(0));
        }
        return values;
    }
}
