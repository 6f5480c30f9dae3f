using Orleans;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// One account (key: a requester's public key in hex, or a validator's id for its earnings): what its owner may read and
/// what the network authority's grants add. Holds, charges and earnings reach it only from the grains that own them.
/// </summary>
[Alias("paraloom.account")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>A fresh, single-use challenge the owner signs (<see cref="Privacy.Protocol.AccountAuthorization"/>) to read the account.</summary>
    [RequesterSurface, Alias("read-challenge")]
    Task<ResultChallenge> CreateReadChallengeAsync();

    /// <summary>The account, for its owner only: <paramref name="signature"/> is the owner's BIP-340 signature over this account and challenge.</summary>
    /// <exception cref="ResultAccessDeniedException">Unknown, used or expired challenge, or a signature not by the owner.</exception>
    [RequesterSurface, Alias("read")]
    Task<AccountView> GetAsync(ResultChallenge challenge, SchnorrSignature signature);

    /// <summary>
    /// The ids of a requester's latest jobs still stored (at most 100, oldest first), for the account's owner only, over a
    /// fresh challenge signed as for <see cref="GetAsync"/>; none for a validator's account. The caller reads their
    /// statuses: the account never waits on a job, since a job may be waiting on the account (a hold, a settlement).
    /// </summary>
    /// <exception cref="ResultAccessDeniedException">Unknown, used or expired challenge, or a signature not by the owner.</exception>
    [RequesterSurface, Alias("job-ids")]
    Task<IReadOnlyList<string>> ListJobIdsAsync(ResultChallenge challenge, SchnorrSignature signature);

    /// <summary>
    /// Applies a credit grant (<see cref="Compute.CreditGrant"/>'s canonical bytes) signed by the network authority to this
    /// requester; anyone may deliver it. Returns false when that grant was already applied (it applies once).
    /// </summary>
    /// <exception cref="InvalidCreditGrantException">Not a grant, not the authority's, not for this account, or expired.</exception>
    [RequesterSurface, Alias("grant")]
    Task<bool> GrantAsync(byte[] grant);
}
