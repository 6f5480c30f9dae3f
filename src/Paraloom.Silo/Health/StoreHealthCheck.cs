using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Paraloom.Grains;

namespace Paraloom.Silo.Health;

/// <summary>
/// Readiness: the store answers a query now (a silo that lost its database cannot persist a transition). On PostgreSQL
/// the check opens a connection of its own, outside the pool: a pooled one would be an idle connection kept from before,
/// so a server that refuses new connections (53300, every slot taken) would still look healthy while the silo's next
/// write needing one fails.
/// </summary>
internal sealed class StoreHealthCheck(ParaloomStore store) : IHealthCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    private readonly ParaloomStore _probe = store.Kind == StoreKind.PostgreSql
        ? ParaloomStore.PostgreSql(new NpgsqlConnectionStringBuilder(store.ConnectionString) { Pooling = false }.ConnectionString)
        : store;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Timeout);
        try
        {
            await SchemaMigrator.PingAsync(_probe, deadline.Token);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store's description names host and database, never credentials; the server's own words say why.
            var why = exception is PostgresException refused ? $"{refused.SqlState} {refused.MessageText}" : exception.GetType().Name;
            return HealthCheckResult.Unhealthy($"The store ({store.Describe()}) does not answer: {why}.");
        }
    }
}
