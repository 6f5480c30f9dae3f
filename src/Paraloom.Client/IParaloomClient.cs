using Paraloom.Privacy;

namespace Paraloom.Client;

/// <summary>
/// Paraloom Compute for .NET: submit a <see cref="Job"/>, follow it (handing the job key to each cohort a
/// private job is assigned), and fetch its result. Register it with <c>services.AddParaloomClient(…)</c>.
/// Every call that cannot reach the silo throws <see cref="SiloUnreachableException"/>; every refusal is a
/// <see cref="ParaloomApiException"/> with the silo's problem details, over HTTP and the Orleans gateway alike.
/// </summary>
public interface IParaloomClient
{
    /// <summary>Submits the job; returns its id. A private job's key stays with this client for the hand-out.</summary>
    /// <exception cref="ValidationException">Refused: malformed, oversize, invalid module or proof, above a cap.</exception>
    /// <exception cref="ParaloomApiException">Refused otherwise (the id is taken, too few validators).</exception>
    Task<string> SubmitAsync(Job job, CancellationToken cancellationToken = default);

    /// <summary>The job's state, attempt, cohort and votes.</summary>
    /// <exception cref="JobNotFoundException">No job was submitted under this id.</exception>
    Task<JobProgress> GetStatusAsync(string jobId, CancellationToken cancellationToken = default);

    /// <summary>
    /// If the job awaits the key hand-out, wraps the job key to each member of the current cohort and hands it
    /// out; otherwise does nothing. Returns the job's status either way.
    /// </summary>
    /// <exception cref="NotTheRequesterException"><paramref name="requester"/> is not the job's requester.</exception>
    Task<JobProgress> HandOutKeysAsync(string jobId, SecretKey requester, CancellationToken cancellationToken = default);

    /// <summary>
    /// Follows the job's pushed events until a private job's first cohort holds its key (handing it out the moment it is
    /// asked for), or the job ended;
    /// a public job needs no hand-out and returns at once. After this the job runs without its requester unless
    /// an attempt is retried: then <see cref="WaitAsync(string, SecretKey, IProgress{JobProgress}?, CancellationToken)"/>
    /// hands the key to the new cohort.
    /// </summary>
    /// <exception cref="JobRejectedException">The job ended rejected before its first hand-out.</exception>
    /// <exception cref="JobCancelledException">The job was cancelled before its first hand-out.</exception>
    /// <exception cref="NotTheRequesterException"><paramref name="requester"/> is not the job's requester.</exception>
    Task<JobProgress> WaitForHandOutAsync(
        string jobId, SecretKey requester, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Follows the job's pushed events until it is final, handing out the job key to every cohort a private job is
    /// assigned the moment it is assigned. Polls only while the event stream is broken.
    /// Reports each change to <paramref name="progress"/>.
    /// </summary>
    /// <exception cref="JobRejectedException">The job ended rejected.</exception>
    /// <exception cref="JobCancelledException">The job was cancelled.</exception>
    /// <exception cref="NotTheRequesterException"><paramref name="requester"/> is not the job's requester.</exception>
    Task<JobProgress> WaitAsync(
        string jobId, SecretKey requester, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Follows the job's pushed events until it is final. A private job this client submitted gets its key handed out to every cohort
    /// with the job key the client kept (never the requester's secret).
    /// </summary>
    /// <exception cref="JobRejectedException">The job ended rejected.</exception>
    /// <exception cref="JobCancelledException">The job was cancelled.</exception>
    /// <exception cref="InvalidOperationException">The job awaits a hand-out and was submitted elsewhere: that needs the requester's key.</exception>
    Task<JobProgress> WaitAsync(string jobId, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default);

    /// <summary>Fetches the agreed result as the requester: a fresh challenge, signed with <paramref name="requester"/>.</summary>
    /// <exception cref="ParaloomApiException">403: not the requester's key; 409: the job has no result (yet).</exception>
    Task<JobResult> GetResultAsync(string jobId, SecretKey requester, CancellationToken cancellationToken = default);

    /// <summary>
    /// The inclusion proof of a private job's output note, as the requester (a fresh challenge, signed with
    /// <paramref name="requester"/>): checked before it is returned, its leaf against the note of the job's receipt
    /// (whose votes are verified when <see cref="ParaloomClientOptions.NetworkKey"/> is pinned) and its path against the
    /// root. The root is the service's word (validators do not certify it yet), so the proof shows inclusion under the
    /// root the service reported.
    /// </summary>
    /// <exception cref="ParaloomApiException">403: not the requester's key; 409 <c>no-note</c>: the result is no note (a public job); 409: no result (yet).</exception>
    /// <exception cref="UnverifiedNoteProofException">The proof does not verify.</exception>
    Task<Grains.NoteInclusionProof> GetNoteProofAsync(string jobId, SecretKey requester, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cancels the job as its requester (a fresh challenge, signed with <paramref name="requester"/>): its cohort stops
    /// counting, its reservations and hold are released, nobody is penalised, and it ends <see cref="JobState.Cancelled"/>.
    /// Returns its final status.
    /// </summary>
    /// <exception cref="ParaloomApiException">403 <c>cancel-denied</c>: not the requester's key; 409 <c>job-already-final</c>: it already ended.</exception>
    /// <exception cref="JobNotFoundException">No job was submitted under this id.</exception>
    Task<JobProgress> CancelAsync(string jobId, SecretKey requester, CancellationToken cancellationToken = default);

    /// <summary>Every validator the silo knows, with load and reputation.</summary>
    Task<IReadOnlyList<ValidatorStatus>> GetValidatorsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// The account of <paramref name="owner"/>'s key, read with its signature over a fresh challenge: the requester's account,
    /// or with <paramref name="asValidator"/> the account its validator earns on (keyed by the id the key derives).
    /// </summary>
    /// <exception cref="ParaloomApiException">403 <c>result-access-denied</c>: a validator account that has earned nothing yet has no owner to read it.</exception>
    Task<Account> GetAccountAsync(SecretKey owner, bool asValidator = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// The latest jobs of <paramref name="requester"/>'s key still stored (at most 100, oldest first: state, submitted and
    /// finished times, a public job's fee), read with its signature over a fresh challenge, as its account is.
    /// </summary>
    Task<IReadOnlyList<JobProgress>> ListJobsAsync(SecretKey requester, CancellationToken cancellationToken = default);

    /// <summary>
    /// Delivers a credit grant the network authority signed (<see cref="Compute.CreditGrant.Issue"/>) to its requester's
    /// account. Returns false when that grant had already been applied: each applies once.
    /// </summary>
    /// <exception cref="ValidationException">422 <c>invalid-credit-grant</c>: not the authority's, altered or expired.</exception>
    Task<bool> GrantCreditsAsync(Compute.CreditGrant grant, CancellationToken cancellationToken = default);
}
