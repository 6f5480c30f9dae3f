using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Paraloom.Grains;

/// <summary>Puts a silo's grain state and reminders in a <see cref="ParaloomStore"/>.</summary>
public static class StoreSiloBuilderExtensions
{
    /// <summary>
    /// Default grain storage and the reminder table on <paramref name="store"/>, state as System.Text.Json (rows hold no
    /// .NET type names), and the schema created at start when missing. PostgreSQL goes through Orleans' ADO.NET
    /// providers; the embedded store keeps the same tables but writes through one <see cref="SqliteWriter"/>.
    /// </summary>
    public static ISiloBuilder UseParaloomStore(this ISiloBuilder silo, ParaloomStore store)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(store);
        silo.Services.AddSingleton(store);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigration>();
        silo.UseSystemTextJsonGrainStorageSerializer();
        if (store.Kind == StoreKind.Sqlite)
        {
            silo.Services.AddSingleton<SqliteStore>();
            silo.Services.AddGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, (services, _) => new SqliteGrainStorage(
                services.GetRequiredService<SqliteStore>(),
                services.GetRequiredService<IGrainStorageSerializer>(),
                services.GetRequiredService<IActivatorProvider>(),
                services.GetRequiredService<IOptions<ClusterOptions>>().Value.ServiceId));
            silo.Services.AddReminders();
            silo.Services.AddSingleton<IReminderTable, SqliteReminderTable>();
            return silo;
        }
        return silo
            .AddAdoNetGrainStorageAsDefault(options =>
            {
                options.Invariant = store.Invariant;
                options.ConnectionString = store.ConnectionString;
            })
            .UseAdoNetReminderService(options =>
            {
                options.Invariant = store.Invariant;
                options.ConnectionString = store.ConnectionString;
            });
    }
}
