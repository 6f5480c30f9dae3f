using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// The votes of one attempt (key: <see cref="QuorumKey.For"/> of job id and attempt). It accepts only
/// cohort members' correctly signed votes, ignores duplicates, detects equivocation, decides as soon as the
/// outcome is certain, tells the job and applies reputation (including to a validator that signs a vote for
/// an attempt whose cohort does not include it).
/// </summary>
[Alias("paraloom.result-quorum")]
public interface IResultQuorumGrain : IGrainWithStringKey
{
    /// <summary>Opens the attempt with its cohort; opening it again with the same setup does nothing.</summary>
    /// <exception cref="InvalidOperationException">The quorum was opened with a different setup.</exception>
    [Alias("open")]
    Task OpenAsync(QuorumSetup setup);

    /// <summary>Counts a vote, or says why not.</summary>
    [Alias("vote")]
    Task<VoteAcceptance> SubmitVoteAsync(SignedVote vote);

    /// <summary>
    /// Records that a member refused to run the attempt: a reply without a vote. When the whole cohort refuses,
    /// the attempt rejects the job and nobody is penalised.
    /// </summary>
    [Alias("refusal")]
    Task RecordRefusalAsync(AssignmentRefusal refusal);

    /// <summary>
    /// Records that a member's execution hit the job's wall-clock limit: a reply without a vote. When the whole cohort
    /// reports it, the attempt rejects the job (<c>wall-clock-limit</c>) and nobody is penalised; a member that reports
    /// it while others vote has timed out.
    /// </summary>
    [Alias("wall-clock")]
    Task RecordWallClockAsync(WallClockReport report);

    /// <summary>
    /// Closes the attempt at <paramref name="deadline"/> (durably), decided or not, so members that never
    /// voted are penalised; votes that arrive before then still count for reputation, never for the decision.
    /// </summary>
    [Alias("schedule-close")]
    Task ScheduleCloseAsync(DateTimeOffset deadline);

    /// <summary>
    /// A later attempt of the job agreed on <paramref name="agreed"/>: if this attempt failed, its members that signed
    /// another result are dissenters and those that signed this one agreed, and their reputation follows. A private
    /// job's output is sealed under a key bound to the attempt, so across attempts its output fingerprint compares
    /// instead, and the sealed bytes only within the attempt: a vote that claims the agreed fingerprint with sealed
    /// bytes other than most such votes carry dissented. Settling twice does nothing more.
    /// </summary>
    [Alias("settle")]
    Task SettleAsync(AgreedResult agreed);

    /// <summary>
    /// The job was cancelled while this attempt ran: the attempt ends undecided and is never closed, so no member is
    /// penalised for it; votes, refusals and reports that arrive later are not counted. Abandoning twice does nothing more.
    /// </summary>
    [Alias("abandon")]
    Task AbandonAsync();

    /// <summary>Removes the attempt's stored votes and decision: its job's retention ended.</summary>
    [Alias("forget")]
    Task ForgetAsync();

    [Alias("snapshot")]
    Task<QuorumSnapshot> GetSnapshotAsync();

    /// <summary>Ends the attempt at its deadline: members that have not voted timed out.</summary>
    [Alias("close")]
    Task<QuorumSnapshot> CloseAsync();
}
