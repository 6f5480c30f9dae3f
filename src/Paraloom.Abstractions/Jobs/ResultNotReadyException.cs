using Orleans;
using Paraloom.Compute;

namespace Paraloom.Grains;

/// <summary>The job has no result to deliver: it is still running, or it was rejected.</summary>
[GenerateSerializer, Alias("paraloom.result-not-ready-exception")]
public sealed class ResultNotReadyException(string jobId, JobState state)
    : Exception($"Job '{jobId}' has no result: it is {state}.")
{
    [Id(0)]
    public JobState State { get; } = state;
}
