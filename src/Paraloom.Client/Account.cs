namespace Paraloom.Client;

/// <summary>
/// An account as its owner reads it (<see cref="IParaloomClient.GetAccountAsync"/>), in credits: the unit every fee is
/// counted in (each execution's fuel × the network's price per fuel unit, and stored bytes × its price per byte-day).
/// </summary>
/// <param name="Key">A requester's public key in hex, or a validator's id.</param>
/// <param name="Credits">What it may spend now: its running jobs' holds are already taken out.</param>
/// <param name="Held">What its running jobs hold: the most each may still cost.</param>
/// <param name="Earned">What its validator earned, in all.</param>
/// <param name="History">Its latest entries, oldest first (the service keeps the last 100).</param>
public sealed record Account(string Key, long Credits, long Held, long Earned, IReadOnlyList<AccountEntry> History);

/// <summary>One entry of an account's history.</summary>
/// <param name="Kind">What it did to the account.</param>
/// <param name="Amount">How many credits it moved.</param>
/// <param name="JobId">The job it concerns; null for a grant.</param>
/// <param name="Attempt">The attempt whose cohort agreed (a charge or an earning), else 0.</param>
/// <param name="At">When the service applied it.</param>
public sealed record AccountEntry(AccountEntryKind Kind, long Amount, string? JobId, int Attempt, DateTimeOffset At);

/// <summary>What an entry did to its account.</summary>
public enum AccountEntryKind
{
    /// <summary>Credits granted by the network authority (or, on an open network, to a newcomer).</summary>
    Grant,

    /// <summary>Credits set aside for a submitted job: the most it may cost.</summary>
    Hold,

    /// <summary>What a job that ended cost, taken from its hold.</summary>
    Charge,

    /// <summary>The rest of a job's hold, given back.</summary>
    Refund,

    /// <summary>A validator's share of a job its cohort agreed on.</summary>
    Earning,
}
