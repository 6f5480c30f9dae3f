using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>
/// Runs <see cref="SchemaMigrator"/> as the silo starts, before Orleans' storage and reminder providers read
/// their queries, so a fresh database (or SQLite file) needs no separate step.
/// </summary>
internal sealed partial class SchemaMigration(ParaloomStore store, ILogger<SchemaMigration> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SchemaMigration), ServiceLifecycleStage.RuntimeInitialize, MigrateAsync);

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = await SchemaMigrator.MigrateAsync(store, cancellationToken);
        if (applied.Count > 0)
        {
            LogApplied(logger, store.Describe(), string.Join(", ", applied));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the schema in {Store}: {Scripts}")]
    private static partial void LogApplied(ILogger logger, string store, string scripts);
}
