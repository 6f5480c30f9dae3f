using Microsoft.Extensions.DependencyInjection;
using Paraloom.Actors.Testing;
using Paraloom.Actors.Tests.Grains;

namespace Paraloom.Actors.Tests.Support;

/// <summary>Test clusters with every test grain registered and short periods.</summary>
public static class Clusters
{
    public static InProcessTestCluster Create(LifecycleLog log, string? storageDirectory = null, Action<ISiloBuilder>? configure = null) =>
        new(
            silo =>
            {
                TestGrainRegistrations.AddAll(silo);
                if (storageDirectory is null)
                {
                    silo.AddMemoryGrainStorage("store").UseInMemoryReminderService();
                }
                else
                {
                    silo.AddFileGrainStorage("store", Path.Combine(storageDirectory, "grains"))
                        .UseFileReminderService(Path.Combine(storageDirectory, "reminders"));
                }

                silo.Configure<ReminderOptions>(options =>
                {
                    options.MinimumReminderPeriod = TimeSpan.FromMilliseconds(50);
                    options.RefreshReminderListPeriod = TimeSpan.FromSeconds(1);
                });
                silo.Configure<MessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(10));
                configure?.Invoke(silo);
            },
            services => services.AddSingleton(log));

    public static async Task<InProcessTestCluster> StartAsync(
        LifecycleLog log, string? storageDirectory = null, Action<ISiloBuilder>? configure = null)
    {
        var cluster = Create(log, storageDirectory, configure);
        await cluster.StartAsync();
        return cluster;
    }
}
