using Orleans;
using Orleans.Concurrency;

namespace Paraloom.Grains;

/// <summary>
/// The job grain as its quorums see it (same grain, key: job id). One-way, so a quorum never waits on a job
/// that may itself be waiting on the quorum.
/// </summary>
[Alias("paraloom.attempt-listener")]
internal interface IAttemptListener : IGrainWithStringKey
{
    [OneWay]
    [Alias("attempt-decided")]
    Task OnAttemptDecidedAsync(QuorumDecision decision);
}
