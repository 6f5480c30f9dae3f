namespace Paraloom.Compute.Agreement;

/// <summary>How a cohort member behaved in one attempt; reputation follows from it.</summary>
public enum MemberConduct
{
    /// <summary>Voted for the accepted result.</summary>
    Agreed,

    /// <summary>Voted for a result other than the accepted one.</summary>
    Dissented,

    /// <summary>Voted, but the cohort reached no decision, so nobody can be blamed or credited.</summary>
    Inconclusive,

    /// <summary>Sent no vote: a wall-clock timeout, a crash or silence.</summary>
    TimedOut,

    /// <summary>Signed two different votes for one attempt.</summary>
    Equivocated,

    /// <summary>Sent a vote whose signature does not verify (detected by whoever checks signatures).</summary>
    InvalidSignature,

    /// <summary>Signed a vote for an attempt whose cohort does not include it.</summary>
    VotedOutsideCohort,
}
