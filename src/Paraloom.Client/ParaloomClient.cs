using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Paraloom.Compute;
using Paraloom.Client.Transport;
using Paraloom.Client.Transport.Http;
using Paraloom.Client.Transport.Orleans;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Client;

/// <summary>
/// <see cref="IParaloomClient"/> over the silo's HTTP API or an Orleans gateway: keys, waiting and decrypting are the
/// same on both. Thread-safe; one instance per service is enough (as <c>services.AddParaloomClient(…)</c> registers it).
/// </summary>
/// <remarks>
/// The client keeps the job key and the job's hand-out key of each private job it submitted, in memory only, until
/// it sees the job end (or is disposed), so waiting on such a job needs no secret. The requester's secret key is never kept.
/// </remarks>
public sealed class ParaloomClient : IParaloomClient, IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> that <c>AddParaloomClient</c> configures.</summary>
    public const string HttpClientName = "Paraloom";

    private readonly IParaloomTransport _transport;
    private readonly IDisposable? _owned;
    private readonly JobKeyKeeper _jobKeys = new();

    /// <summary>Takes its <see cref="HttpClient"/> from <paramref name="httpClientFactory"/> for each call, as DI registers it.</summary>
    public ParaloomClient(IHttpClientFactory httpClientFactory, ParaloomClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        _transport = new HttpTransport(() => httpClientFactory.CreateClient(HttpClientName));
        PollInterval = options.PollInterval;
        NetworkKey = options.NetworkKey;
        Revocations = [.. options.Revocations];
    }

    /// <summary>Uses <paramref name="httpClient"/> (its BaseAddress is the silo) as it is, without taking ownership.</summary>
    public ParaloomClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the silo's URL.", nameof(httpClient));
        }
        _transport = new HttpTransport(() => httpClient);
    }

    /// <summary>
    /// Talks to the silo at <paramref name="baseAddress"/>, e.g. http://127.0.0.1:5700, through its own
    /// <see cref="IHttpClientFactory"/> with the same resilience as <c>AddParaloomClient</c>.
    /// </summary>
    public ParaloomClient(Uri baseAddress)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var services = new ServiceCollection();
        services.AddParaloomClient(options => options.BaseAddress = baseAddress);
        var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpClientFactory>();
        _transport = new HttpTransport(() => factory.CreateClient(HttpClientName));
        _owned = provider;
    }

    /// <summary>
    /// Calls the grains through <paramref name="cluster"/>: an Orleans client (<c>IClusterClient</c>, from
    /// <c>UseOrleansClient</c>) connected to the cluster's gateway, without taking ownership.
    /// </summary>
    public ParaloomClient(IGrainFactory cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        _transport = new OrleansTransport(cluster);
    }

    /// <summary>Over <paramref name="transport"/> as it is: for tests that tune a transport.</summary>
    internal ParaloomClient(IParaloomTransport transport) => _transport = transport;

    /// <summary>How soon waiting polls the status when the job's event stream breaks, before it watches again (default 250 ms).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The network authority's key (<see cref="ParaloomClientOptions.NetworkKey"/>): results are checked under it, and job
    /// keys wrapped only to members it certified; null checks neither.
    /// </summary>
    public PublicKey? NetworkKey { get; init; }

    /// <summary>The revocations results and cohorts are checked against (<see cref="ParaloomClientOptions.Revocations"/>).</summary>
    public IReadOnlyList<ValidatorRevocation> Revocations { get; init; } = [];

    /// <inheritdoc/>
    public async Task<string> SubmitAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var status = await _transport.SubmitAsync(job, cancellationToken);
        _jobKeys.Keep(status.JobId, job.TakeJobKey());
        return status.JobId;
    }

    /// <inheritdoc/>
    public Task<JobProgress> GetStatusAsync(string jobId, CancellationToken cancellationToken = default) =>
        _transport.GetStatusAsync(jobId, cancellationToken);

    /// <inheritdoc/>
    public async Task<JobProgress> HandOutKeysAsync(string jobId, SecretKey requester, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var status = await GetStatusAsync(jobId, cancellationToken);
        return await HandOutAsync(status, cohort => VerifiedContext(status, requester).HandOut(requester, status.Attempt, cohort), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<JobProgress> WaitForHandOutAsync(
        string jobId, SecretKey requester, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        return FollowAsync(jobId, requester, progress, HandedOut, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<JobProgress> WaitAsync(
        string jobId, SecretKey requester, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        return FollowAsync(jobId, requester, progress, status => status.IsFinal, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<JobProgress> WaitAsync(string jobId, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default) =>
        FollowAsync(jobId, null, progress, status => status.IsFinal, cancellationToken);

    /// <inheritdoc/>
    public async Task<JobResult> GetResultAsync(string jobId, SecretKey requester, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var challenge = await _transport.CreateResultChallengeAsync(jobId, cancellationToken);
        var signature = ResultAuthorization.Sign(requester, jobId, challenge);
        var result = await _transport.GetResultAsync(jobId, challenge, signature, requester.PublicKey, cancellationToken);
        var verified = NetworkKey is { } networkKey ? ResultVerification.Verified(result, networkKey, requester.PublicKey, Revocations) : result;
        return ResultNotes.Opened(verified, requester);
    }

    /// <inheritdoc/>
    public async Task<Grains.NoteInclusionProof> GetNoteProofAsync(string jobId, SecretKey requester, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var challenge = await _transport.CreateResultChallengeAsync(jobId, cancellationToken);
        var signature = ResultAuthorization.Sign(requester, jobId, challenge);
        var proof = await _transport.GetNoteProofAsync(jobId, challenge, signature, cancellationToken);
        return NoteProofVerification.Verified(proof, jobId, NetworkKey, requester.PublicKey);
    }

    /// <inheritdoc/>
    public async Task<JobProgress> CancelAsync(string jobId, SecretKey requester, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var challenge = await _transport.CreateResultChallengeAsync(jobId, cancellationToken);
        var status = await _transport.CancelAsync(jobId, challenge, CancelAuthorization.Sign(requester, jobId, challenge), cancellationToken);
        _jobKeys.Forget(jobId);
        return status;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<ValidatorStatus>> GetValidatorsAsync(CancellationToken cancellationToken = default) =>
        _transport.GetValidatorsAsync(cancellationToken);

    /// <inheritdoc/>
    public async Task<Account> GetAccountAsync(SecretKey owner, bool asValidator = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var accountKey = asValidator ? ValidatorIdentity.FromPublicKey(owner.PublicKey) : owner.PublicKey.ToHex();
        var challenge = await _transport.CreateAccountChallengeAsync(accountKey, cancellationToken);
        return await _transport.GetAccountAsync(accountKey, challenge, AccountAuthorization.Sign(owner, accountKey, challenge), cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<JobProgress>> ListJobsAsync(SecretKey requester, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var accountKey = requester.PublicKey.ToHex();
        var challenge = await _transport.CreateAccountChallengeAsync(accountKey, cancellationToken);
        return await _transport.ListJobsAsync(accountKey, challenge, AccountAuthorization.Sign(requester, accountKey, challenge), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> GrantCreditsAsync(CreditGrant grant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return _transport.GrantAsync(grant, cancellationToken);
    }

    /// <summary>Zeroes the job keys it kept and releases what it created.</summary>
    public void Dispose()
    {
        _jobKeys.Dispose();
        _owned?.Dispose();
    }

    /// <summary>Past its first hand-out: the job's first cohort holds its key, or it needs none, or it ended.</summary>
    private static bool HandedOut(JobProgress status) =>
        !status.IsPrivate || status.IsFinal || status.State is JobState.KeysDelivered or JobState.Executing or JobState.Retrying;

    /// <summary>
    /// Follows the job's pushed status changes until <paramref name="done"/>, handing out the key on each assignment at
    /// once. When the stream breaks it polls once, waits <see cref="PollInterval"/> and watches again after the last
    /// version it saw.
    /// </summary>
    private async Task<JobProgress> FollowAsync(
        string jobId, SecretKey? requester, IProgress<JobProgress>? progress, Func<JobProgress, bool> done, CancellationToken cancellationToken)
    {
        var reporter = new ProgressReporter(progress);
        var seen = -1L;
        while (true)
        {
            await using (var pushed = _transport.WatchAsync(jobId, seen, cancellationToken).GetAsyncEnumerator(cancellationToken))
            {
                while (await NextAsync(pushed, cancellationToken) is { } status)
                {
                    seen = status.Version;
                    if (await StepAsync(status, requester, reporter, done, cancellationToken) is { } reached)
                    {
                        return reached;
                    }
                }
            }
            var polled = await GetStatusAsync(jobId, cancellationToken);
            seen = Math.Max(seen, polled.Version);
            if (await StepAsync(polled, requester, reporter, done, cancellationToken) is { } polledReached)
            {
                return polledReached;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>The next pushed status; null when the stream ended or broke (then polling takes over for a turn).</summary>
    private static async Task<JobProgress?> NextAsync(IAsyncEnumerator<JobProgress> pushed, CancellationToken cancellationToken)
    {
        try
        {
            return await pushed.MoveNextAsync() ? pushed.Current : null;
        }
        catch (Exception broken) when (!cancellationToken.IsCancellationRequested && broken is not (JobNotFoundException or ValidationException))
        {
            // A dropped connection, a silo restarting, a refused watch (429): the job's status is still a poll away.
            return null;
        }
    }

    /// <summary>Acts on one status: hands out the key it awaits, reports it; the status once <paramref name="done"/>, else null.</summary>
    /// <exception cref="JobRejectedException">The job ended rejected.</exception>
    /// <exception cref="JobCancelledException">The job ended cancelled.</exception>
    private async Task<JobProgress?> StepAsync(
        JobProgress status, SecretKey? requester, ProgressReporter reporter, Func<JobProgress, bool> done, CancellationToken cancellationToken)
    {
        if (status.AwaitingKeys)
        {
            reporter.Report(status);
            var attempt = status.Attempt;
            var jobId = status.JobId;
            var awaiting = status;
            status = await HandOutAsync(status, requester is null
                ? cohort => _jobKeys.HandOut(jobId, attempt, cohort)
                : cohort => VerifiedContext(awaiting, requester).HandOut(requester, attempt, cohort), cancellationToken);
        }
        reporter.Report(status);
        if (status.IsFinal)
        {
            _jobKeys.Forget(status.JobId);
        }
        if (status.State == JobState.Rejected)
        {
            throw new JobRejectedException(status.JobId, status.Reason ?? "no reason given", status.RejectionCode);
        }
        if (status.State == JobState.Cancelled)
        {
            throw new JobCancelledException(status.JobId);
        }
        return done(status) ? status : null;
    }

    /// <summary>
    /// If <paramref name="status"/> awaits the key hand-out, wraps the job key to its cohort and hands it out; with a
    /// <see cref="NetworkKey"/>, only to a cohort whose members' certificates verify under it.
    /// </summary>
    private async Task<JobProgress> HandOutAsync(
        JobProgress status,
        Func<IReadOnlyList<CohortMember>, SignedKeyHandOut> sign,
        CancellationToken cancellationToken)
    {
        if (!status.AwaitingKeys || !status.IsPrivate)
        {
            return status;
        }
        if (NetworkKey is { } networkKey)
        {
            CohortCertification.Ensure(status, networkKey, Revocations, DateTimeOffset.UtcNow);
        }
        try
        {
            return await _transport.HandOutAsync(status.JobId, sign(status.Cohort), cancellationToken);
        }
        catch (ParaloomApiException moved) when (moved.Status == 409)
        {
            // The job left that attempt meanwhile (retried, timed out): its current status says what is next.
            return await GetStatusAsync(status.JobId, cancellationToken);
        }
    }

    /// <summary>
    /// The private job's facts from the statement the status carries, once it is the requester's own signature over this
    /// job: a silo (or anyone between) that rewrote the nonce, the commitment or the module, or showed another job's
    /// statement, gets no key wrapped.
    /// </summary>
    /// <exception cref="UnverifiedAnswerException">The statement is missing, not the requester's or not this job's.</exception>
    /// <exception cref="NotTheRequesterException">The statement is the requester's, and <paramref name="requester"/> is another key.</exception>
    private static PrivateJobContext VerifiedContext(JobProgress status, SecretKey requester)
    {
        if (status.Statement is not { } signed
            || signed.Statement.JobId.Value != status.JobId
            || signed.Statement.InputCommitment is not { } commitment
            || !signed.IsSignedByRequester)
        {
            throw new UnverifiedAnswerException(status.JobId,
                "the silo's status does not carry the requester's signed statement of this private job: no key was handed out.");
        }
        if (!signed.Statement.Requester.Equals(requester.PublicKey))
        {
            throw new NotTheRequesterException(status.JobId);
        }
        var statement = signed.Statement;
        return new PrivateJobContext(status.JobId, statement.ModuleHash, commitment, statement.Requester, statement.Nonce);
    }

    /// <summary>Relative paths resolve under the base address only if it ends with '/'.</summary>
    internal static Uri WithTrailingSlash(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        return baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
    }
}
