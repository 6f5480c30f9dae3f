using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// An account as its owner reads it: credits it may spend, credits held by its running jobs, what its validators earned
/// in all, and its latest entries (newest last, at most <see cref="AccountView.HistoryLength"/>).
/// </summary>
/// <param name="Key">The account's key: a requester's public key in hex, or a validator's id.</param>
[GenerateSerializer, Immutable, Alias("paraloom.account-view")]
public sealed record AccountView(
    [property: Id(0)] string Key,
    [property: Id(1)] long Credits,
    [property: Id(2)] long Held,
    [property: Id(3)] long Earned,
    [property: Id(4)] IReadOnlyList<AccountEntry> History)
{
    /// <summary>How many entries an account keeps (older ones are dropped; balances never are).</summary>
    public const int HistoryLength = 100;
}
