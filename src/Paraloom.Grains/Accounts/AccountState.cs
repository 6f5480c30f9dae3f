namespace Paraloom.Grains;

/// <summary>
/// An account's stored state: its balances, what makes each step apply once (holds by job, grant ids until they expire,
/// the last earning applied from each payer, the outbox of earnings not yet acknowledged), and its latest entries.
/// </summary>
internal sealed class AccountState
{
    /// <summary>Credits it may spend now: holds are already taken out.</summary>
    public long Credits { get; set; }

    /// <summary>The hold of each job that has not ended, by job id.</summary>
    public Dictionary<string, long> Holds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>All its validator earned, in total.</summary>
    public long Earned { get; set; }

    /// <summary>Whether it received an open network's newcomer credits (once per key).</summary>
    public bool NewcomerGranted { get; set; }

    /// <summary>A validator account's key (its id is derived from it), set by its first earning; a requester's account is keyed by its key.</summary>
    public byte[]? Owner { get; set; }

    /// <summary>Applied grant ids, until the grant's expiry: an expired grant is refused anyway.</summary>
    public Dictionary<string, DateTimeOffset> Grants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last earning sequence applied from each payer account.</summary>
    public Dictionary<string, long> Received { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last earning sequence written for each recipient.</summary>
    public Dictionary<string, long> Sent { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Earnings written and not yet acknowledged by their recipient, in the order written.</summary>
    public List<PendingEarning> Outbox { get; set; } = [];

    /// <summary>The latest entries, oldest first, at most <see cref="AccountView.HistoryLength"/>.</summary>
    public List<AccountEntry> History { get; set; } = [];
}

internal sealed record PendingEarning(string Recipient, AccountEarning Earning);
