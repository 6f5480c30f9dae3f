using Orleans;
using Paraloom.Compute;

namespace Paraloom.Grains;

/// <summary>A cancel of a job that already ended: there is nothing left to stop, and its final state stays.</summary>
[GenerateSerializer, Alias("paraloom.job-already-final-exception")]
public sealed class JobAlreadyFinalException(string jobId, JobState state)
    : Exception($"Job '{jobId}' already ended ({state}): there is nothing to cancel.")
{
    [Id(0)]
    public JobState State { get; } = state;
}
