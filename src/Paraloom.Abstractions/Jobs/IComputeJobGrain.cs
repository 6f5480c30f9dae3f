using Orleans;
using Orleans.Concurrency;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// One compute job (key: the job id the requester chose). It validates the submission, assigns cohorts,
/// takes the requester's key hand-out, drives the state machine to a final state and serves the result to
/// the requester alone.
/// </summary>
[Alias("paraloom.compute-job")]
public interface IComputeJobGrain : IGrainWithStringKey
{
    /// <summary>Validates and stores the job, then assigns its first cohort.</summary>
    /// <exception cref="JobSubmissionException">The job is refused; nothing was stored.</exception>
    [RequesterSurface, Alias("submit")]
    Task<JobStatus> SubmitAsync(JobSubmission submission);

    /// <summary>
    /// The requester's hand-out of the job key, wrapped to each member of the cohort of <paramref name="attempt"/> and
    /// signed with the job's hand-out key (<see cref="KeyHandOut"/>). The signature is checked before anything else;
    /// a refused hand-out changes nothing.
    /// </summary>
    /// <exception cref="KeyHandOutDeniedException">The signature is not the job's hand-out key's over this hand-out.</exception>
    /// <exception cref="KeyDeliveryException">
    /// Not the current attempt, keys not awaited (also: the attempt already has its keys), or not exactly the cohort.
    /// </exception>
    /// <exception cref="UnknownJobException">No job was submitted under this id.</exception>
    [RequesterSurface, Alias("deliver-keys")]
    Task<JobStatus> DeliverKeysAsync(int attempt, IReadOnlyDictionary<string, WrappedJobKey> wrappedKeys, SchnorrSignature signature);

    /// <exception cref="UnknownJobException">No job was submitted under this id.</exception>
    [RequesterSurface, Alias("status")]
    Task<JobStatus> GetStatusAsync();

    /// <summary>
    /// Waits for the job's next state change: returns its status at once if its <see cref="JobStatus.Version"/> is past
    /// <paramref name="afterVersion"/> or it is final, else as soon as a transition is stored, else when
    /// <paramref name="maxWait"/> (at most <see cref="JobWatch.MaxWait"/>) has passed. The job grain wakes the call itself,
    /// so it serves watchers on any silo and Orleans clients alike; cancelling the call ends the watch.
    /// </summary>
    /// <exception cref="UnknownJobException">No job was submitted under this id.</exception>
    [RequesterSurface, Alias("wait-for-change"), AlwaysInterleave]
    Task<JobStatus> WaitForChangeAsync(long afterVersion, TimeSpan maxWait, CancellationToken cancellationToken = default);

    /// <summary>A fresh, single-use challenge the requester signs to fetch the result or to cancel the job.</summary>
    /// <exception cref="UnknownJobException">No job was submitted under this id.</exception>
    [RequesterSurface, Alias("result-challenge")]
    Task<ResultChallenge> CreateResultChallengeAsync();

    /// <summary>
    /// The result, for the requester only: <paramref name="signature"/> is its BIP-340 signature over
    /// <see cref="ResultAuthorization.Message"/> of this job and <paramref name="challenge"/>.
    /// </summary>
    /// <exception cref="ResultAccessDeniedException">Unknown, used or expired challenge, or a signature not by the requester.</exception>
    /// <exception cref="ResultNotReadyException">The job has not reached a final state, or was rejected.</exception>
    /// <exception cref="UnknownJobException">No job was submitted under this id.</exception>
    [RequesterSurface, Alias("result")]
    Task<JobResult> GetResultAsync(ResultChallenge challenge, SchnorrSignature signature);

    /// <summary>
    /// Cancels the job for its requester: <paramref name="signature"/> is its BIP-340 signature over
    /// <see cref="CancelAuthorization.Message"/> of this job and <paramref name="challenge"/>. The current attempt is
    /// abandoned (its votes no longer count, nobody is penalised for it), reservations and the account's hold are released
    /// and the job ends <see cref="Compute.JobState.Cancelled"/>.
    /// </summary>
    /// <exception cref="CancelDeniedException">Unknown, used or expired challenge, or a signature not by the requester.</exception>
    /// <exception cref="JobAlreadyFinalException">The job already ended.</exception>
    /// <exception cref="UnknownJobException">No job was submitted under this id.</exception>
    [RequesterSurface, Alias("cancel")]
    Task<JobStatus> CancelAsync(ResultChallenge challenge, SchnorrSignature signature);

    /// <summary>
    /// The inclusion proof of a private job's output note in the note tree, against the tree's current anchor; for the
    /// requester only, over a fresh challenge as for <see cref="GetResultAsync"/>.
    /// </summary>
    /// <exception cref="ResultAccessDeniedException">Unknown, used or expired challenge, or a signature not by the requester.</exception>
    /// <exception cref="ResultNotReadyException">The job has not reached a final state, or was rejected.</exception>
    /// <exception cref="NoNoteException">The job's result is not a note.</exception>
    /// <exception cref="UnknownJobException">No job was submitted under this id.</exception>
    [RequesterSurface, Alias("note-proof")]
    Task<NoteInclusionProof> GetNoteProofAsync(ResultChallenge challenge, SchnorrSignature signature);
}
