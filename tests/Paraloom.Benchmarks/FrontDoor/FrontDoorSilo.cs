using Microsoft.AspNetCore.Builder;
using Npgsql;
using Paraloom.Grains;
using Paraloom.Silo;

namespace Paraloom.Benchmarks.FrontDoor;

/// <summary>
/// A real silo (the service's own host: Kestrel, the HTTP API, Orleans, three validators) in this process on a free
/// loopback port, on a fresh embedded store or a fresh PostgreSQL database. Its limits are raised to the load the
/// benchmark offers, so what is measured is the service, not a refusal.
/// </summary>
internal sealed class FrontDoorSilo : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _directory;

    private FrontDoorSilo(WebApplication app, string directory, Uri url)
    {
        _app = app;
        _directory = directory;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>The Orleans gateway port, for a client that joins the cluster instead of speaking HTTP.</summary>
    public int GatewayPort { get; private init; }

    public static async Task<FrontDoorSilo> StartAsync(string? postgreSqlServer, int requesters)
    {
        var directory = Directory.CreateTempSubdirectory("paraloom-front-door-").FullName;
        var database = postgreSqlServer is null ? null : await CreateDatabaseAsync(postgreSqlServer);
        var gatewayPort = FreePort();
        var app = SiloHost.Create(
            ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Orleans=Error"],
            options =>
            {
                options.StorageDirectory = directory;
                options.PostgreSqlConnectionString = database;
                options.SiloPort = 0;
                options.GatewayPort = gatewayPort;
                options.Validators = 3;
                // Every requester's job fits on the three validators at once: the benchmark measures the path, not a queue.
                options.ValidatorCapacity = Math.Max(4, requesters);
                options.ConcurrentSubmissionsPerClient = Math.Max(4, requesters);
                options.JobWatchesPerClient = Math.Max(64, 4 * requesters);
                options.Network.AuthorityKey = TestNetwork.AuthorityKey;
                options.Fees.NewcomerCredits = TestNetwork.NewcomerCredits;
                LocalValidatorAdmission.Admit(TestNetwork.Authority, new LocalValidatorOptions
                {
                    Count = options.Validators,
                    KeyDirectory = Path.Combine(directory, "keys"),
                });
            });
        await app.StartAsync();
        return new FrontDoorSilo(app, directory, new Uri(app.Urls.First())) { GatewayPort = gatewayPort };
    }

    private static async Task<string> CreateDatabaseAsync(string server)
    {
        var name = $"paraloom_bench_{Guid.NewGuid():N}";
        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var create = admin.CreateCommand();
        create.CommandText = $"CREATE DATABASE \"{name}\";";
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
