using Npgsql;

namespace Paraloom.Cli.Tests.Support;

/// <summary>A fresh database on the PostgreSQL that ./test.sh starts (its connection string in <see cref="Variable"/>).</summary>
internal static class TestPostgreSql
{
    public const string Variable = "PARALOOM_TEST_POSTGRES";

    /// <exception cref="InvalidOperationException">No PostgreSQL is configured: these tests need ./test.sh's server.</exception>
    public static async Task<string> CreateDatabaseAsync(string name)
    {
        var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: the PostgreSQL tests run against the server ./test.sh starts.");
        var database = $"paraloom_{name}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{database}\";";
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }
}
