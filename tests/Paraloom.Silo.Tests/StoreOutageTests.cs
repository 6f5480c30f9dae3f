using System.Net;
using Npgsql;
using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

/// <summary>A silo on PostgreSQL whose database goes away and comes back (through a relay the test cuts).</summary>
public sealed class StoreOutageTests : IAsyncLifetime
{
    private const string PostgreSqlVariable = "PARALOOM_TEST_POSTGRES";

    private TcpRelay _relay = null!;
    private SiloFactory _silo = null!;
    private readonly Privacy.SecretKey _requester = Privacy.SecretKey.Generate();

    public async Task InitializeAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } value
            ? new NpgsqlConnectionStringBuilder(value)
            : throw new InvalidOperationException($"{PostgreSqlVariable} is not set: the PostgreSQL tests run against the server ./test.sh starts.");
        var database = $"paraloom_outage_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(server.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{database}\";";
            await create.ExecuteNonQueryAsync();
        }
        _relay = new TcpRelay(new IPEndPoint(IPAddress.Parse(server.Host!), server.Port));
        var relayed = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Host = "127.0.0.1", Port = _relay.Port, Database = database, Timeout = 3 };
        _silo = new SiloFactory(new Dictionary<string, string?> { ["PostgreSqlConnectionString"] = relayed.ConnectionString });
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await _relay.DisposeAsync();
        _requester.Dispose();
    }

    [Fact]
    public async Task Losing_the_database_makes_the_silo_unready_and_its_return_ready_again_with_the_job_finished()
    {
        var api = new ApiDriver(_silo.CreateClient());
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/readyz")).StatusCode);
        var submitted = await api.SubmitAsync(ApiDriver.PublicJob("outage-1", Repository.Program("sum"), ProgramInputs.Numbers(1, 2, 3), _requester));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);

        _relay.Cut();
        await ReadinessBecomesAsync(api, HttpStatusCode.ServiceUnavailable);
        _relay.Open();
        await ReadinessBecomesAsync(api, HttpStatusCode.OK);

        Assert.Equal("Finalised", (await api.WaitFinalAsync("outage-1", _requester)).State);
    }

    private static async Task ReadinessBecomesAsync(ApiDriver api, HttpStatusCode expected)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        HttpStatusCode status;
        while ((status = (await api.Http.GetAsync("/readyz")).StatusCode) != expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        Assert.Equal(expected, status);
    }
}
