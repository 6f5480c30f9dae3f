using Orleans.Hosting;
using Orleans.TestingHost;
using Paraloom.Compute.Execution;
using Paraloom.Grains;

namespace Paraloom.Benchmarks.Jobs;

/// <summary>One Orleans silo in this process (Orleans' in-process test cluster) on memory storage, hosting the validators.</summary>
internal static class BenchmarkSilo
{
    public static async Task<InProcessTestCluster> StartAsync(int validators, int capacity)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo
            .AddMemoryGrainStorageAsDefault()
            .UseInMemoryReminderService()
            .AddParaloomCompute(options =>
            {
                options.LocalValidators.Count = validators;
                options.LocalValidators.Capacity = capacity;
                options.LocalValidators.Scheduler = new ExecutionSchedulerOptions { QueueCapacity = validators * capacity };
                TestNetwork.OpenNetwork(options);
                TestNetwork.Admit(options);
            }));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
