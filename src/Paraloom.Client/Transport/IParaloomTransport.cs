using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Client.Transport;

/// <summary>
/// The service's calls as one transport makes them (HTTP or the Orleans gateway), in the SDK's types. Refusals are
/// <see cref="ParaloomApiException"/>s with the same status and error code on every transport; no answer is a
/// <see cref="SiloUnreachableException"/>. What is the same on every transport (keys, waiting, decrypting) is
/// <see cref="ParaloomClient"/>'s.
/// </summary>
internal interface IParaloomTransport
{
    Task<JobProgress> SubmitAsync(Job job, CancellationToken cancellationToken);

    Task<JobProgress> GetStatusAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>
    /// The job's status as the service pushes it: the first one past <paramref name="afterVersion"/> (-1: the current one)
    /// at once, then each state change, ending after a final status. A stream that breaks throws or ends early; the caller
    /// then polls and watches again from the last version it saw.
    /// </summary>
    IAsyncEnumerable<JobProgress> WatchAsync(string jobId, long afterVersion, CancellationToken cancellationToken);

    /// <summary>Hands out the signed, wrapped job key; a hand-out the job no longer awaits is a 409 refusal.</summary>
    Task<JobProgress> HandOutAsync(string jobId, SignedKeyHandOut handOut, CancellationToken cancellationToken);

    /// <summary>A fresh single-use challenge nonce for the requester to sign.</summary>
    Task<byte[]> CreateResultChallengeAsync(string jobId, CancellationToken cancellationToken);

    Task<JobResult> GetResultAsync(string jobId, byte[] challenge, SchnorrSignature signature, PublicKey requester, CancellationToken cancellationToken);

    /// <summary>The note inclusion proof, with the requester's signature over a challenge <see cref="CreateResultChallengeAsync"/> issued; unchecked.</summary>
    Task<NoteInclusionProof> GetNoteProofAsync(string jobId, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken);

    /// <summary>Cancels the job with the requester's signature over a challenge <see cref="CreateResultChallengeAsync"/> issued.</summary>
    Task<JobProgress> CancelAsync(string jobId, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken);

    Task<IReadOnlyList<ValidatorStatus>> GetValidatorsAsync(CancellationToken cancellationToken);

    /// <summary>A fresh single-use challenge nonce for the account's owner to sign.</summary>
    Task<byte[]> CreateAccountChallengeAsync(string accountKey, CancellationToken cancellationToken);

    Task<Account> GetAccountAsync(string accountKey, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken);

    /// <summary>The requester's latest jobs, with its signature over a challenge <see cref="CreateAccountChallengeAsync"/> issued.</summary>
    Task<IReadOnlyList<JobProgress>> ListJobsAsync(string accountKey, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken);

    /// <summary>Delivers a credit grant to its requester's account; false when its id had already been applied.</summary>
    Task<bool> GrantAsync(CreditGrant grant, CancellationToken cancellationToken);
}
