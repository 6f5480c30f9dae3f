using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Paraloom.Client;

namespace Paraloom.Benchmarks.FrontDoor;

/// <summary>The client SDK as an application registers it, on one transport: its own host, apart from the silo's.</summary>
internal static class ClientHost
{
    public static async Task<IHost> StartAsync(ParaloomTransport transport, FrontDoorSilo silo, TimeSpan pollInterval)
    {
        // As a command-line setting, so it outranks an appsettings.json the host may find in its content root (the
        // silo's, copied next to the benchmark): a log line per HTTP request would be measured as the service's CPU.
        var builder = Host.CreateApplicationBuilder(["--Logging:LogLevel:Default=Warning"]);
        if (transport == ParaloomTransport.Orleans)
        {
            builder.UseOrleansClient(client => client.UseParaloomClustering(cluster =>
            {
                cluster.Clustering = ParaloomClustering.Localhost;
                cluster.GatewayPort = silo.GatewayPort;
            }));
        }
        builder.Services.AddParaloomClient(options =>
        {
            options.Transport = transport;
            options.BaseAddress = silo.Url;
            options.PollInterval = pollInterval;
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
