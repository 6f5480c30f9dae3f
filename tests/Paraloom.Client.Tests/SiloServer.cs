using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Hosting;

namespace Paraloom.Client.Tests;

/// <summary>
/// The real silo on a test server, in memory, with a fast deadline check. The key hand-out timeout is generous:
/// a loaded machine must never turn a slow hand-out into a rejection. Tests of the timeout itself use
/// <see cref="ImpatientSiloServer"/>. Its Orleans gateway listens on <see cref="GatewayPort"/> on 127.0.0.1, for
/// clients of the Orleans transport (<see cref="ConnectGatewayAsync"/>).
/// </summary>
public class SiloServer : WebApplicationFactory<Program>
{
    /// <summary>The Orleans gateway's port: a free one, fixed before the silo starts so clients know where to connect.</summary>
    public int GatewayPort { get; } = FreePort();

    protected virtual TimeSpan KeyHandOutTimeout => TimeSpan.FromSeconds(60);

    public ParaloomClient NewClient() => new(CreateClient()) { PollInterval = TimeSpan.FromMilliseconds(30) };

    /// <summary>
    /// Starts the silo if it is not running, then a host with an Orleans client of its gateway (the silo's localhost
    /// clustering with its default ServiceId and ClusterId) and <c>AddParaloomClient</c> on the Orleans transport, as a .NET service would.
    /// </summary>
    public async Task<IHost> ConnectGatewayAsync()
    {
        _ = Server;
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseParaloomClustering(ConfigureClustering));
        builder.Services.AddParaloomClient(options =>
        {
            options.Transport = ParaloomTransport.Orleans;
            options.PollInterval = TimeSpan.FromMilliseconds(30);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>How a client finds this silo: its gateway on 127.0.0.1.</summary>
    protected virtual void ConfigureClustering(ParaloomClusterOptions cluster) => cluster.GatewayPort = GatewayPort;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Paraloom:StorageDirectory", "");
        // Orleans listens for silos and clients too: test silos running side by side each take free ports.
        builder.UseSetting("Paraloom:SiloPort", "0");
        builder.UseSetting("Paraloom:GatewayPort", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Paraloom:DeadlineCheckPeriod", "00:00:00.100");
        builder.UseSetting("Paraloom:KeyHandOutTimeout", KeyHandOutTimeout.ToString());
        builder.UseSetting("Paraloom:Network:AuthorityKey", TestNetwork.AuthorityKey);
        builder.UseSetting("Paraloom:Fees:NewcomerCredits", TestNetwork.NewcomerCreditsSetting);
        builder.ConfigureTestServices(TestNetwork.AdmitValidators);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>A silo that gives up on a key hand-out after one second, for the tests of that timeout.</summary>
public sealed class ImpatientSiloServer : SiloServer
{
    protected override TimeSpan KeyHandOutTimeout => TimeSpan.FromSeconds(1);
}

/// <summary>
/// The silo on a fresh database of the PostgreSQL that ./test.sh starts, clustered through its membership table: a
/// client finds the gateway there, as a service beside a real cluster does.
/// </summary>
public sealed class PostgreSqlSiloServer : SiloServer
{
    private const string PostgreSqlVariable = "PARALOOM_TEST_POSTGRES";

    private readonly string _connectionString = CreateDatabase();

    protected override void ConfigureClustering(ParaloomClusterOptions cluster)
    {
        cluster.Clustering = ParaloomClustering.PostgreSql;
        cluster.PostgreSqlConnectionString = _connectionString;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Paraloom:PostgreSqlConnectionString", _connectionString);
        builder.UseSetting("Paraloom:Clustering", "PostgreSql");
    }

    private static string CreateDatabase()
    {
        var server = Environment.GetEnvironmentVariable(PostgreSqlVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{PostgreSqlVariable} is not set: the PostgreSQL tests run against the server ./test.sh starts.");
        var database = $"paraloom_client_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{database}\";";
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;
    }
}
