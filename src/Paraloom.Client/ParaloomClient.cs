using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Paraloom.Client.Wire;
using Microsoft.Extensions.DependencyInjection;
using Polly.Timeout;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;
using Paraloom.Wire;

namespace Paraloom.Client;

/// <summary>
/// <see cref="IParaloomClient"/> over the silo's HTTP API. Thread-safe; one instance per silo is enough (as
/// <c>services.AddParaloomClient(…)</c> registers it).
/// </summary>
/// <remarks>
/// The client keeps the job key and the job's hand-out key of each private job it submitted, in memory only, until
/// it sees the job end (or is disposed), so waiting on such a job needs no secret. The requester's secret key is never kept.
/// </remarks>
public sealed class ParaloomClient : IParaloomClient, IDisposable
{
    /// <summary>The name of the <see cref="HttpClient"/> that <c>AddParaloomClient</c> configures.</summary>
    public const string HttpClientName = "Paraloom";

    private readonly Func<HttpClient> _http;
    private readonly IDisposable? _owned;
    private readonly Dictionary<string, KeptJobKeys> _jobKeys = new(StringComparer.Ordinal);
    private readonly Lock _jobKeysLock = new();

    /// <summary>Takes its <see cref="HttpClient"/> from <paramref name="httpClientFactory"/> for each call, as DI registers it.</summary>
    public ParaloomClient(IHttpClientFactory httpClientFactory, ParaloomClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        ArgumentNullException.ThrowIfNull(options);
        _http = () => httpClientFactory.CreateClient(HttpClientName);
        PollInterval = options.PollInterval;
    }

    /// <summary>Uses <paramref name="httpClient"/> (its BaseAddress is the silo) as it is, without taking ownership.</summary>
    public ParaloomClient(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        if (httpClient.BaseAddress is null)
        {
            throw new ArgumentException("The HttpClient needs a BaseAddress: the silo's URL.", nameof(httpClient));
        }
        _http = () => httpClient;
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
        _http = () => factory.CreateClient(HttpClientName);
        _owned = provider;
    }

    /// <summary>How often waiting polls the status (default 250 ms).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc/>
    public async Task<string> SubmitAsync(Job job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var status = await SendAsync<JobStatusResponse>(HttpMethod.Post, "v1/jobs", job.Request, cancellationToken);
        KeepJobKey(status.JobId, job.TakeJobKey());
        return status.JobId;
    }

    /// <inheritdoc/>
    public async Task<JobProgress> GetStatusAsync(string jobId, CancellationToken cancellationToken = default) =>
        JobProgress.From(await SendAsync<JobStatusResponse>(HttpMethod.Get, JobPath(jobId), null, cancellationToken));

    /// <inheritdoc/>
    public async Task<JobProgress> HandOutKeysAsync(string jobId, SecretKey requester, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var status = await GetStatusAsync(jobId, cancellationToken);
        return await HandOutAsync(status, (context, cohort) => context.HandOut(requester, status.Attempt, cohort), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<JobProgress> WaitForHandOutAsync(
        string jobId, SecretKey requester, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        return PollAsync(jobId, requester, progress, HandedOut, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<JobProgress> WaitAsync(
        string jobId, SecretKey requester, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        return PollAsync(jobId, requester, progress, status => status.IsFinal, cancellationToken);
    }

    /// <inheritdoc/>
    public Task<JobProgress> WaitAsync(string jobId, IProgress<JobProgress>? progress = null, CancellationToken cancellationToken = default) =>
        PollAsync(jobId, null, progress, status => status.IsFinal, cancellationToken);

    /// <inheritdoc/>
    public async Task<JobResult> GetResultAsync(string jobId, SecretKey requester, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var challenge = await SendAsync<ResultChallengeResponse>(HttpMethod.Post, JobPath(jobId) + "/result/challenge", null, cancellationToken);
        var signature = ResultAuthorization.Sign(requester, jobId, Convert.FromHexString(challenge.Challenge));
        var result = await SendAsync<JobResultResponse>(
            HttpMethod.Post, JobPath(jobId) + "/result", new ResultRequest { Challenge = challenge.Challenge, Signature = signature.ToHex() }, cancellationToken);
        return JobResult.From(result, requester.PublicKey);
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ValidatorStatus>> GetValidatorsAsync(CancellationToken cancellationToken = default)
    {
        var validators = await SendAsync<ValidatorResponse[]>(HttpMethod.Get, "v1/validators", null, cancellationToken);
        return [.. validators.Select(v => new ValidatorStatus(v.ValidatorId, v.SiloId, PublicKey.FromHex(v.PublicKey), v.Capacity, v.InFlight, v.Reputation))];
    }

    /// <summary>Zeroes the job keys it kept and releases what it created.</summary>
    public void Dispose()
    {
        lock (_jobKeysLock)
        {
            foreach (var key in _jobKeys.Values)
            {
                key.Dispose();
            }
            _jobKeys.Clear();
        }
        _owned?.Dispose();
    }

    /// <summary>Past its first hand-out: the job's first cohort holds its key, or it needs none, or it ended.</summary>
    private static bool HandedOut(JobProgress status) =>
        !status.IsPrivate || status.IsFinal || status.State is JobState.KeysDelivered or JobState.Executing or JobState.Retrying;

    private async Task<JobProgress> PollAsync(
        string jobId, SecretKey? requester, IProgress<JobProgress>? progress, Func<JobProgress, bool> done, CancellationToken cancellationToken)
    {
        JobProgress? reported = null;
        while (true)
        {
            var status = await GetStatusAsync(jobId, cancellationToken);
            if (status.AwaitingKeys)
            {
                Report(progress, ref reported, status);
                var attempt = status.Attempt;
                status = await HandOutAsync(status, requester is null
                    ? (context, cohort) => HandOutWithKeptKeys(context, attempt, cohort)
                    : (context, cohort) => context.HandOut(requester, attempt, cohort), cancellationToken);
            }
            Report(progress, ref reported, status);
            if (status.IsFinal)
            {
                ForgetJobKey(jobId);
            }
            if (status.State == JobState.Rejected)
            {
                throw new JobRejectedException(jobId, status.Reason ?? "no reason given");
            }
            if (done(status))
            {
                return status;
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>If <paramref name="status"/> awaits the key hand-out, wraps the job key to its cohort and hands it out.</summary>
    private async Task<JobProgress> HandOutAsync(
        JobProgress status,
        Func<PrivateJobContext, IReadOnlyList<CohortMember>, SignedKeyHandOut> sign,
        CancellationToken cancellationToken)
    {
        if (!status.AwaitingKeys || status.Context is not { } context)
        {
            return status;
        }
        var signed = sign(context, status.Cohort);
        var handOut = new DeliverKeysRequest
        {
            Attempt = signed.Attempt,
            WrappedKeys = signed.WrappedKeys.ToDictionary(pair => pair.Key, pair => pair.Value.ToBytes(), StringComparer.Ordinal),
            Signature = signed.Signature.ToHex(),
        };
        try
        {
            return JobProgress.From(await SendAsync<JobStatusResponse>(HttpMethod.Post, JobPath(status.JobId) + "/keys", handOut, cancellationToken));
        }
        catch (ParaloomApiException moved) when (moved.Status == (int)HttpStatusCode.Conflict)
        {
            // The job left that attempt meanwhile (retried, timed out): its current status says what is next.
            return await GetStatusAsync(status.JobId, cancellationToken);
        }
    }

    private void KeepJobKey(string jobId, KeptJobKeys? key)
    {
        if (key is null)
        {
            return;
        }
        lock (_jobKeysLock)
        {
            if (!_jobKeys.TryAdd(jobId, key))
            {
                key.Dispose();
            }
        }
    }

    /// <summary>Signs under the lock, so a concurrent <see cref="ForgetJobKey"/> cannot zero the keys mid-use.</summary>
    private SignedKeyHandOut HandOutWithKeptKeys(PrivateJobContext context, int attempt, IReadOnlyList<CohortMember> cohort)
    {
        lock (_jobKeysLock)
        {
            return _jobKeys.TryGetValue(context.JobId, out var keys)
                ? context.HandOut(keys.JobKey, keys.HandOutKey, attempt, cohort)
                : throw new InvalidOperationException(
                    $"Job '{context.JobId}' awaits the key hand-out and was not submitted by this client: wait with the requester's secret key.");
        }
    }

    private void ForgetJobKey(string jobId)
    {
        lock (_jobKeysLock)
        {
            if (_jobKeys.Remove(jobId, out var key))
            {
                key.Dispose();
            }
        }
    }

    /// <summary>Reports a status unless only its elapsed time changed (the cohort changes only with the attempt).</summary>
    private static void Report(IProgress<JobProgress>? progress, ref JobProgress? reported, JobProgress status)
    {
        if (reported is null || Milestone(reported) != Milestone(status))
        {
            progress?.Report(status);
            reported = status;
        }
    }

    private static (JobState, int, int, bool, string?, string?) Milestone(JobProgress status) =>
        (status.State, status.Attempt, status.VotesReceived, status.AwaitingKeys, status.Digest, status.Reason);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: WireJson.Options);
        }
        HttpResponseMessage response;
        try
        {
            response = await _http().SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException unreachable)
        {
            throw new SiloUnreachableException($"cannot reach the silo at {BaseAddress}: {unreachable.Message}", unreachable);
        }
        catch (TimeoutRejectedException slow)
        {
            throw new SiloUnreachableException($"the silo at {BaseAddress} did not answer in time ({slow.Timeout.TotalSeconds:0.#} s)", slow);
        }
        using var _ = response;
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemAsync(response, cancellationToken);
        }
        return await response.Content.ReadFromJsonAsync<T>(WireJson.Options, cancellationToken)
            ?? throw new InvalidDataException($"The silo answered {path} with an empty body.");
    }

    private static async Task<ParaloomApiException> ProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var status = (int)response.StatusCode;
        ProblemResponse? body = null;
        try
        {
            body = await response.Content.ReadFromJsonAsync<ProblemResponse>(WireJson.Options, cancellationToken);
        }
        catch (Exception unreadable) when (unreadable is JsonException or NotSupportedException)
        {
            // Not problem details (a proxy's page, say): the status line is all there is.
        }
        var problem = new ProblemDetails(
            status, body?.Title ?? response.ReasonPhrase ?? "Error", body?.Detail, body?.Error ?? "http-" + status);
        return status switch
        {
            400 or 413 or 415 or 422 => new ValidationException(problem),
            404 when problem.Error == "unknown-job" => new JobNotFoundException(problem),
            _ => new ParaloomApiException(problem),
        };
    }

    private static string JobPath(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return "v1/jobs/" + Uri.EscapeDataString(jobId);
    }

    private Uri? BaseAddress => _http().BaseAddress;

    /// <summary>Relative paths resolve under the base address only if it ends with '/'.</summary>
    internal static Uri WithTrailingSlash(Uri baseUri)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        return baseUri.AbsoluteUri.EndsWith('/') ? baseUri : new Uri(baseUri.AbsoluteUri + "/");
    }
}
