using Orleans;
using Paraloom.Compute;

namespace Paraloom.Grains;

/// <summary>
/// The job has no result to deliver: it is still running (it may have one later), or it was rejected or cancelled (it
/// never will; the message says why).
/// </summary>
[GenerateSerializer, Alias("paraloom.result-not-ready-exception")]
public sealed class ResultNotReadyException(string jobId, JobState state, string? rejection = null)
    : Exception(state switch
    {
        JobState.Rejected => $"Job '{jobId}' was rejected, so it has no result: {rejection}",
        JobState.Cancelled => $"Job '{jobId}' was cancelled by its requester, so it has no result.",
        _ => $"Job '{jobId}' has no result yet: it is {state}.",
    })
{
    [Id(0)]
    public JobState State { get; } = state;
}
