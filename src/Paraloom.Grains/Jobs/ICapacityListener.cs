using Orleans;
using Orleans.Concurrency;

namespace Paraloom.Grains;

/// <summary>
/// The job grain as the registry sees it while the job waits for validators with free capacity (same grain,
/// key: job id). One-way, so the registry never waits on a job that may itself be waiting on the registry.
/// </summary>
[Alias("paraloom.capacity-listener")]
internal interface ICapacityListener : IGrainWithStringKey
{
    [OneWay]
    [Alias("capacity-freed")]
    Task OnCapacityFreedAsync();
}
