using Orleans;

namespace Paraloom.Grains;

/// <summary>What a quorum did with a vote.</summary>
[GenerateSerializer, Alias("paraloom.vote-acceptance")]
public enum VoteAcceptance
{
    Counted,

    /// <summary>The same claim was already counted from this member.</summary>
    Duplicate,

    /// <summary>The member signed two different claims: both are void and it is penalised.</summary>
    Equivocation,

    /// <summary>The sender is not a member of this attempt's cohort.</summary>
    NotInCohort,

    /// <summary>The signature does not verify under the member's key: the member is penalised.</summary>
    InvalidSignature,

    /// <summary>The vote names another job, attempt, statement or cohort than this quorum's.</summary>
    WrongAttempt,

    /// <summary>The quorum was never opened.</summary>
    NotOpen,

    /// <summary>The member already replied otherwise (timed out or signed invalidly).</summary>
    AlreadyReplied,

    /// <summary>
    /// The vote was signed under another execution profile than the one the cohort was chosen in (the member's
    /// silo changed engine or configuration meanwhile): not counted, and no fault, since its result may rightly differ.
    /// </summary>
    WrongProfile,

    /// <summary>The job was cancelled: the attempt counts no more votes, and the member is not at fault.</summary>
    Abandoned,
}
