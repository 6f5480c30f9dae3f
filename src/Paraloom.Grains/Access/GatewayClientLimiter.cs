using System.Threading.RateLimiting;
using Orleans;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>
/// Holds each external Orleans client to <see cref="GatewayClientLimits"/> on the job grains of this silo, as the HTTP
/// API holds each remote address: a submission past the client's turn waits, past the queue it is refused, and a watch
/// past the client's or the silo's watches is refused, each with <see cref="ClientLimitException"/> before the grain
/// sees the call. Runs after <see cref="GrainCallGuard"/>, so only the requester's calls reach it. Calls of the silo's
/// own process (its HTTP API, held to the HTTP limits) and of grains are not counted. Orleans has already read the
/// message by then: what a gateway client can make the silo buffer is bounded by Orleans' message size limit instead.
/// </summary>
internal sealed class GatewayClientLimiter : IIncomingGrainCallFilter, IDisposable
{
    private readonly GatewayClientLimits _limits;
    private readonly string _hostedClientKey;
    private readonly PartitionedRateLimiter<string> _submissions;
    private readonly PartitionedRateLimiter<string> _watches;

    public GatewayClientLimiter(GatewayClientLimits limits, ILocalSiloDetails silo)
    {
        _limits = limits;
        _hostedClientKey = HostedClient.KeyOf(silo);
        _submissions = PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetConcurrencyLimiter(
            client, _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = limits.ConcurrentSubmissionsPerClient,
                QueueLimit = limits.QueuedSubmissionsPerClient,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }));
        _watches = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<string, string>(client => RateLimitPartition.GetConcurrencyLimiter(
                client, _ => new ConcurrencyLimiterOptions { PermitLimit = limits.JobWatchesPerClient, QueueLimit = 0 })),
            PartitionedRateLimiter.Create<string, string>(_ => RateLimitPartition.GetConcurrencyLimiter(
                "silo", _ => new ConcurrencyLimiterOptions { PermitLimit = limits.JobWatches, QueueLimit = 0 })));
    }

    public async Task Invoke(IIncomingGrainCallContext call)
    {
        if (ExternalClient(call) is not { } client || call.InterfaceMethod.DeclaringType != typeof(IComputeJobGrain))
        {
            await call.Invoke();
            return;
        }
        switch (call.InterfaceMethod.Name)
        {
            case nameof(IComputeJobGrain.SubmitAsync):
                using (var turn = await _submissions.AcquireAsync(client))
                {
                    if (!turn.IsAcquired)
                    {
                        throw new ClientLimitException(ClientLimitException.TooManySubmissions,
                            $"This client already has {_limits.ConcurrentSubmissionsPerClient} submissions in progress and "
                            + $"{_limits.QueuedSubmissionsPerClient} waiting; send the next one when one of them has been answered.");
                    }
                    await call.Invoke();
                }
                return;
            // A wait of zero answers at once, like a status: only a wait that may last holds a place.
            case nameof(IComputeJobGrain.WaitForChangeAsync) when call.Request.GetArgument(1) is TimeSpan wait && wait > TimeSpan.Zero:
                using (var watch = _watches.AttemptAcquire(client))
                {
                    if (!watch.IsAcquired)
                    {
                        throw new ClientLimitException(ClientLimitException.TooManyWatches,
                            $"A client may hold {_limits.JobWatchesPerClient} job watches open at once, and this silo "
                            + $"{_limits.JobWatches} in all: end one, or ask for the status without waiting.");
                    }
                    await call.Invoke();
                }
                return;
            default:
                await call.Invoke();
                return;
        }
    }

    /// <summary>The key of the external client that sent <paramref name="call"/>, or null for a grain or the silo's own process.</summary>
    private string? ExternalClient(IIncomingGrainCallContext call) =>
        call.SourceId is { } caller && caller.IsClient() && caller.Key.ToString() is { } key && key != _hostedClientKey ? key : null;

    public void Dispose()
    {
        _submissions.Dispose();
        _watches.Dispose();
    }
}
