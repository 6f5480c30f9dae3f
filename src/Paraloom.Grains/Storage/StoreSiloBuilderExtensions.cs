using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>Puts a silo's grain state and reminders in a <see cref="ParaloomStore"/>.</summary>
public static class StoreSiloBuilderExtensions
{
    /// <summary>
    /// Default grain storage and the reminder table through Orleans' ADO.NET providers on <paramref name="store"/>,
    /// state as System.Text.Json (rows hold no .NET type names), and the schema created at start when missing.
    /// </summary>
    public static ISiloBuilder UseParaloomStore(this ISiloBuilder silo, ParaloomStore store)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(store);
        silo.Services.AddSingleton(store);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SchemaMigration>();
        return silo
            .UseSystemTextJsonGrainStorageSerializer()
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
