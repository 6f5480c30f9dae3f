using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Orleans.Messaging;

namespace Paraloom.Client.Transport.Orleans;

/// <summary>
/// Before the application's Orleans client starts, checks that one of the cluster's gateways accepts a connection,
/// trying again for the connect timeout (a silo still starting opens its gateway soon); if none does, the host's
/// <c>StartAsync</c> throws <see cref="SiloUnreachableException"/>. Orleans' client alone would wait on its first call
/// to the cluster, trying the gateway every second, for as long as the process lives.
/// </summary>
internal sealed class GatewayProbe(IGatewayListProvider gateways, TimeSpan connectTimeout) : IHostedLifecycleService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(500);

    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(connectTimeout);
        await gateways.InitializeGatewayListProvider();
        IList<Uri> listed = [];
        Exception why = new InvalidOperationException("no gateway is listed");
        while (!deadline.IsCancellationRequested)
        {
            listed = await gateways.GetGateways();
            foreach (var gateway in listed)
            {
                try
                {
                    using var probe = new TcpClient();
                    await probe.ConnectAsync(gateway.Host, gateway.Port, deadline.Token);
                    return;
                }
                catch (SocketException refused)
                {
                    why = refused;
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    break;
                }
            }
            try
            {
                await Task.Delay(RetryDelay, deadline.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The connect timeout is over.
            }
        }
        cancellationToken.ThrowIfCancellationRequested();
        var where = listed.Count == 0 ? "none is listed" : string.Join(", ", listed.Select(gateway => $"{gateway.Host}:{gateway.Port}"));
        throw new SiloUnreachableException(
            $"cannot reach the cluster through its Orleans gateway ({where}) within {connectTimeout.TotalSeconds:0.#} s: {why.Message}", why);
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
