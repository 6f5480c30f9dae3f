using System.Net;
using Npgsql;
using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

/// <summary>
/// A silo on PostgreSQL whose server refuses new connections (SQLSTATE 53300, as a server at max_connections does):
/// readiness says so, though the silo's pool still holds idle connections from before.
/// </summary>
public sealed class StoreConnectionLimitTests : IAsyncLifetime
{
    private const string PostgreSqlVariable = "PARALOOM_TEST_POSTGRES";

    private readonly string _role = $"paraloom_limited_{Guid.NewGuid():N}";
    private NpgsqlConnectionStringBuilder _server = null!;
    private SiloFactory _silo = null!;

    public async Task InitializeAsync()
    {
        _server = Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } value
            ? new NpgsqlConnectionStringBuilder(value)
            : throw new InvalidOperationException($"{PostgreSqlVariable} is not set: the PostgreSQL tests run against the server ./test.sh starts.");
        // A role's connection limit binds only roles that are not superusers: the silo connects as one of its own.
        await AdministerAsync($"CREATE ROLE \"{_role}\" LOGIN;", $"CREATE DATABASE \"{_role}\" OWNER \"{_role}\";");
        var limited = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Username = _role, Database = _role, Timeout = 3 };
        _silo = new SiloFactory(new Dictionary<string, string?> { ["PostgreSqlConnectionString"] = limited.ConnectionString });
    }

    public async Task DisposeAsync() => await _silo.DisposeAsync();

    [Fact]
    public async Task A_server_refusing_new_connections_makes_the_silo_unready_until_it_takes_them_again()
    {
        var http = _silo.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

        // No new connection for the role, whatever its pool holds or closes meanwhile: a limit of the connections open
        // at one instant lets one in as soon as any of them closes.
        await AdministerAsync($"ALTER ROLE \"{_role}\" CONNECTION LIMIT 0;");
        var refused = await http.GetAsync("/readyz");
        var detail = await refused.Content.ReadAsStringAsync();
        await AdministerAsync($"ALTER ROLE \"{_role}\" CONNECTION LIMIT -1;");
        var restored = await http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Contains("53300", detail);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
    }

    private async Task AdministerAsync(params string[] statements)
    {
        await using var admin = new NpgsqlConnection(_server.ConnectionString);
        await admin.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = admin.CreateCommand();
            command.CommandText = statement;
            await command.ExecuteNonQueryAsync();
        }
    }
}
