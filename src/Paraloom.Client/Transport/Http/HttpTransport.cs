using System.Globalization;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;
using Paraloom.Wire;
using Polly.Timeout;

namespace Paraloom.Client.Transport.Http;

/// <summary>The service's calls over the silo's HTTP API; refusals are read from its problem details.</summary>
/// <param name="http">The client for each call (IHttpClientFactory hands out a fresh one; its BaseAddress is the silo).</param>
internal sealed class HttpTransport(Func<HttpClient> http) : IParaloomTransport
{
    /// <summary>
    /// How long an event stream may stay silent before it counts as broken: the silo sends a keep-alive whenever a job
    /// stays quiet for <see cref="JobWatch.MaxWait"/>, so twice that means it is gone.
    /// </summary>
    public TimeSpan StreamIdleTimeout { get; init; } = JobWatch.MaxWait * 2;

    public async Task<JobProgress> SubmitAsync(Job job, CancellationToken cancellationToken) =>
        WireMapping.ToProgress(await SendAsync<JobStatusResponse>(HttpMethod.Post, "v1/jobs", WireMapping.ToRequest(job), cancellationToken));

    public async Task<JobProgress> GetStatusAsync(string jobId, CancellationToken cancellationToken) =>
        WireMapping.ToProgress(await SendAsync<JobStatusResponse>(HttpMethod.Get, JobPath(jobId), null, cancellationToken));

    /// <summary>Reads the job's Server-Sent Events, resuming after <paramref name="afterVersion"/> with Last-Event-ID.</summary>
    public async IAsyncEnumerable<JobProgress> WatchAsync(string jobId, long afterVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, JobPath(jobId) + "/events");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (afterVersion >= 0)
        {
            request.Headers.Add("Last-Event-ID", afterVersion.ToString(CultureInfo.InvariantCulture));
        }
        using var response = await SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var events = new IdleTimeoutStream(await response.Content.ReadAsStreamAsync(cancellationToken), StreamIdleTimeout);
        var parser = SseParser.Create(events, (type, data) => type switch
        {
            StatusEvent => JsonSerializer.Deserialize<JobStatusResponse>(data, WireJson.Options),
            ErrorEvent => JsonSerializer.Deserialize<ProblemResponse>(data, WireJson.Options),
            _ => (object?)null,
        });
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            switch (item.Data)
            {
                case JobStatusResponse status:
                    yield return WireMapping.ToProgress(status);
                    break;
                case ProblemResponse refused:
                    // The silo refused the watch after the stream started: the same exception as a refused request.
                    var code = refused.Status ?? 500;
                    throw ParaloomApiException.For(new ProblemDetails(code, refused.Title ?? "Error", refused.Detail, refused.Error ?? "http-" + code));
            }
        }
    }

    public async Task<JobProgress> HandOutAsync(string jobId, SignedKeyHandOut handOut, CancellationToken cancellationToken) =>
        WireMapping.ToProgress(await SendAsync<JobStatusResponse>(
            HttpMethod.Post, JobPath(jobId) + "/keys", WireMapping.ToRequest(handOut), cancellationToken));

    public async Task<byte[]> CreateResultChallengeAsync(string jobId, CancellationToken cancellationToken)
    {
        var challenge = await SendAsync<ResultChallengeResponse>(HttpMethod.Post, JobPath(jobId) + "/result/challenge", null, cancellationToken);
        return Convert.FromHexString(challenge.Challenge);
    }

    public async Task<JobResult> GetResultAsync(
        string jobId, byte[] challenge, SchnorrSignature signature, PublicKey requester, CancellationToken cancellationToken)
    {
        var request = new ResultRequest { Challenge = Convert.ToHexStringLower(challenge), Signature = signature.ToHex() };
        return WireMapping.ToResult(await SendAsync<JobResultResponse>(HttpMethod.Post, JobPath(jobId) + "/result", request, cancellationToken), requester);
    }

    public async Task<NoteInclusionProof> GetNoteProofAsync(string jobId, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken)
    {
        var request = new ResultRequest { Challenge = Convert.ToHexStringLower(challenge), Signature = signature.ToHex() };
        return WireMapping.ToNoteProof(jobId, await SendAsync<NoteProofResponse>(HttpMethod.Post, JobPath(jobId) + "/note-proof", request, cancellationToken));
    }

    public async Task<JobProgress> CancelAsync(string jobId, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken)
    {
        var request = new CancelRequest { Challenge = Convert.ToHexStringLower(challenge), Signature = signature.ToHex() };
        return WireMapping.ToProgress(await SendAsync<JobStatusResponse>(HttpMethod.Post, JobPath(jobId) + "/cancel", request, cancellationToken));
    }

    public async Task<IReadOnlyList<ValidatorStatus>> GetValidatorsAsync(CancellationToken cancellationToken) =>
        [.. (await SendAsync<ValidatorResponse[]>(HttpMethod.Get, "v1/validators", null, cancellationToken)).Select(WireMapping.ToValidator)];

    public async Task<byte[]> CreateAccountChallengeAsync(string accountKey, CancellationToken cancellationToken)
    {
        var challenge = await SendAsync<ResultChallengeResponse>(HttpMethod.Post, AccountPath(accountKey) + "/challenge", null, cancellationToken);
        return Convert.FromHexString(challenge.Challenge);
    }

    public async Task<Account> GetAccountAsync(string accountKey, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken)
    {
        var query = $"?challenge={Convert.ToHexStringLower(challenge)}&signature={signature.ToHex()}";
        return WireMapping.ToAccount(await SendAsync<AccountResponse>(HttpMethod.Get, AccountPath(accountKey) + query, null, cancellationToken));
    }

    public async Task<IReadOnlyList<JobProgress>> ListJobsAsync(string accountKey, byte[] challenge, SchnorrSignature signature, CancellationToken cancellationToken)
    {
        var query = $"?challenge={Convert.ToHexStringLower(challenge)}&signature={signature.ToHex()}";
        return [.. (await SendAsync<JobStatusResponse[]>(HttpMethod.Get, AccountPath(accountKey) + "/jobs" + query, null, cancellationToken))
            .Select(WireMapping.ToProgress)];
    }

    public async Task<bool> GrantAsync(CreditGrant grant, CancellationToken cancellationToken) =>
        (await SendAsync<CreditGrantResponse>(HttpMethod.Post, "v1/accounts/grants", new CreditGrantRequest { Grant = grant.ToBytes() }, cancellationToken)).Applied;

    /// <summary>The event type of a job status on the job's event stream.</summary>
    private const string StatusEvent = "status";

    /// <summary>The event that ends a job's event stream whose watch the silo refused after it started: problem details.</summary>
    private const string ErrorEvent = "error";

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: WireJson.Options);
        }
        using var response = await SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        return await response.Content.ReadFromJsonAsync<T>(WireJson.Options, cancellationToken)
            ?? throw new InvalidDataException($"The silo answered {path} with an empty body.");
    }

    /// <summary>A successful response; a refusal is thrown as its problem details say, no answer as <see cref="SiloUnreachableException"/>.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var client = http();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, completion, cancellationToken);
        }
        catch (HttpRequestException unreachable)
        {
            throw new SiloUnreachableException($"cannot reach the silo at {client.BaseAddress}: {unreachable.Message}", unreachable);
        }
        catch (TimeoutRejectedException slow)
        {
            throw new SiloUnreachableException($"the silo at {client.BaseAddress} did not answer in time ({slow.Timeout.TotalSeconds:0.#} s)", slow);
        }
        if (!response.IsSuccessStatusCode)
        {
            using var _ = response;
            throw await ProblemAsync(response, cancellationToken);
        }
        return response;
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
        return ParaloomApiException.For(new ProblemDetails(
            status, body?.Title ?? response.ReasonPhrase ?? "Error", body?.Detail, body?.Error ?? "http-" + status));
    }

    private static string AccountPath(string accountKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountKey);
        return "v1/accounts/" + Uri.EscapeDataString(accountKey);
    }

    private static string JobPath(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return "v1/jobs/" + Uri.EscapeDataString(jobId);
    }
}
