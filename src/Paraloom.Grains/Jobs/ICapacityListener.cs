using Paraloom.Actors;

namespace Paraloom.Grains;

/// <summary>
/// The job grain as the registry sees it while the job waits for validators with free capacity (same grain,
/// key: job id). One-way, so the registry never waits on a job that may itself be waiting on the registry.
/// </summary>
internal interface ICapacityListener : IGrainWithStringKey
{
    [OneWay]
    Task OnCapacityFreedAsync();
}
