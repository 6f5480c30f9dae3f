using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paraloom.Grains;

namespace Paraloom.Silo.Health;

/// <summary>Readiness: the store answers a query now (a silo that lost its database cannot persist a transition).</summary>
internal sealed class StoreHealthCheck(ParaloomStore store) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await SchemaMigrator.PingAsync(store, deadline.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store's description names host and database, never credentials.
            return HealthCheckResult.Unhealthy($"The store ({store.Describe()}) does not answer: {exception.GetType().Name}.");
        }
    }
}
