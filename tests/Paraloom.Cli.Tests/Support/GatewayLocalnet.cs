using System.Net;
using System.Net.Sockets;

namespace Paraloom.Cli.Tests.Support;

/// <summary>A real localnet child process whose Orleans gateway listens on a port known before it starts, under its mutual TLS.</summary>
public sealed class GatewayLocalnet : IAsyncLifetime
{
    public GatewayLocalnet()
    {
        GatewayPort = FreePort();
        Process = LocalnetProcess.WithArguments("--gateway-port", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public LocalnetProcess Process { get; }

    public int GatewayPort { get; }

    /// <summary>localnet's cluster TLS material (DATA/tls), with the client certificate a gateway client presents.</summary>
    public string TlsDirectory => Path.Combine(Process.DataDirectory, "tls");

    /// <summary>localnet's network authority (DATA/network).</summary>
    public string NetworkDirectory => Path.Combine(Process.DataDirectory, "network");

    public Task InitializeAsync() => Process.InitializeAsync();

    public Task DisposeAsync() => Process.DisposeAsync();

    /// <summary>A loopback port free when asked, for a process to listen on.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
