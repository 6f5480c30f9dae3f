using Paraloom.Actors;

namespace Paraloom.Grains;

/// <summary>
/// The votes of one attempt (key: <see cref="QuorumKey.For"/> of job id and attempt). It accepts only
/// cohort members' correctly signed votes, ignores duplicates, detects equivocation, decides as soon as the
/// outcome is certain, tells the job and applies reputation.
/// </summary>
public interface IResultQuorumGrain : IGrainWithStringKey
{
    /// <summary>Opens the attempt with its cohort; opening it again with the same setup does nothing.</summary>
    /// <exception cref="InvalidOperationException">The quorum was opened with a different setup.</exception>
    Task OpenAsync(QuorumSetup setup);

    /// <summary>Counts a vote, or says why not.</summary>
    Task<VoteAcceptance> SubmitVoteAsync(SignedVote vote);

    Task<QuorumSnapshot> GetSnapshotAsync();

    /// <summary>Ends the attempt at its deadline: members that have not voted timed out.</summary>
    Task<QuorumSnapshot> CloseAsync();
}
