using System.Net;
using System.Net.Sockets;

namespace Paraloom.Silo.Tests.Support;

/// <summary>
/// A loopback TCP relay in front of a server, so a test can take the server away from a silo (every connection
/// dropped, new ones refused) and give it back on the same port.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _connections = [];
    private TcpListener? _listener;
    private CancellationTokenSource _running = new();

    public TcpRelay(IPEndPoint target)
    {
        _target = target;
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Open();
    }

    public int Port { get; }

    /// <summary>Drops every relayed connection and refuses new ones until <see cref="Open"/>.</summary>
    public void Cut()
    {
        _running.Cancel();
        _listener?.Stop();
        _listener = null;
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
            _connections.Clear();
        }
    }

    /// <summary>Accepts and relays connections again, on the same port.</summary>
    public void Open()
    {
        _running = new CancellationTokenSource();
        _listener = new TcpListener(IPAddress.Loopback, Port);
        _listener.Start();
        _ = AcceptAsync(_listener, _running.Token);
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await listener.AcceptTcpClientAsync(stop);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var outbound = new TcpClient();
            try
            {
                await outbound.ConnectAsync(_target, stop);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException)
            {
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }
            lock (_connections)
            {
                _connections.Add(inbound);
                _connections.Add(outbound);
            }
            _ = PumpAsync(inbound, outbound, stop);
            _ = PumpAsync(outbound, inbound, stop);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to, CancellationToken stop)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream(), stop);
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // A cut or a closed peer ends the relay of this connection.
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }
}
