using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Paraloom.Client.Tests;

/// <summary>
/// An application whose Orleans client is pointed at a gateway nobody listens on: the host's <c>StartAsync</c> ends
/// with <see cref="SiloUnreachableException"/>, as the README says, instead of retrying until it is killed.
/// </summary>
public sealed class GatewayStartTests
{
    [Fact]
    public async Task Starting_against_a_gateway_nobody_listens_on_throws_silo_unreachable()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client => client.UseParaloomClustering(cluster =>
        {
            cluster.GatewayPort = UnusedPort();
            cluster.ConnectTimeout = TimeSpan.FromSeconds(2);
        }));
        builder.Services.AddParaloomClient(options => options.Transport = ParaloomTransport.Orleans);
        using var host = builder.Build();

        // Bounded: before the fix the start never ended.
        var failure = await Assert.ThrowsAsync<SiloUnreachableException>(() => host.StartAsync().WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal("unreachable", failure.Error);
        Assert.StartsWith("cannot reach the cluster through its Orleans gateway", failure.Message);
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
