namespace Paraloom.Compute.Agreement;

/// <summary>What a <see cref="VoteTally"/> did with a reply.</summary>
public enum VoteReceipt
{
    /// <summary>The reply was counted.</summary>
    Counted,

    /// <summary>The same reply was already counted; nothing changed.</summary>
    Duplicate,

    /// <summary>The member had voted differently: both votes are void and the equivocation is recorded.</summary>
    Equivocation,

    /// <summary>The sender is not a member of the cohort.</summary>
    NotInCohort,

    /// <summary>The vote is for another attempt.</summary>
    WrongAttempt,

    /// <summary>The member had already replied in another way (a vote versus a timeout).</summary>
    AlreadyReplied,
}
