using Paraloom.Actors;

namespace Paraloom.Grains;

/// <summary>
/// The job grain as its quorums see it (same grain, key: job id). One-way, so a quorum never waits on a job
/// that may itself be waiting on the quorum.
/// </summary>
internal interface IAttemptListener : IGrainWithStringKey
{
    [OneWay]
    Task OnAttemptDecidedAsync(QuorumDecision decision);
}
