using System.Net.Http.Json;
using System.Text.Json;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;
using Paraloom.Wire;
using Polly.Timeout;

namespace Paraloom.Client.Transport.Http;

/// <summary>The service's calls over the silo's HTTP API; refusals are read from its problem details.</summary>
/// <param name="http">The client for each call (IHttpClientFactory hands out a fresh one; its BaseAddress is the silo).</param>
internal sealed class HttpTransport(Func<HttpClient> http) : IParaloomTransport
{
    public async Task<JobProgress> SubmitAsync(Job job, CancellationToken cancellationToken) =>
        WireMapping.ToProgress(await SendAsync<JobStatusResponse>(HttpMethod.Post, "v1/jobs", WireMapping.ToRequest(job), cancellationToken));

    public async Task<JobProgress> GetStatusAsync(string jobId, CancellationToken cancellationToken) =>
        WireMapping.ToProgress(await SendAsync<JobStatusResponse>(HttpMethod.Get, JobPath(jobId), null, cancellationToken));

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

    public async Task<IReadOnlyList<ValidatorStatus>> GetValidatorsAsync(CancellationToken cancellationToken) =>
        [.. (await SendAsync<ValidatorResponse[]>(HttpMethod.Get, "v1/validators", null, cancellationToken)).Select(WireMapping.ToValidator)];

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: WireJson.Options);
        }
        var client = http();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException unreachable)
        {
            throw new SiloUnreachableException($"cannot reach the silo at {client.BaseAddress}: {unreachable.Message}", unreachable);
        }
        catch (TimeoutRejectedException slow)
        {
            throw new SiloUnreachableException($"the silo at {client.BaseAddress} did not answer in time ({slow.Timeout.TotalSeconds:0.#} s)", slow);
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
        return ParaloomApiException.For(new ProblemDetails(
            status, body?.Title ?? response.ReasonPhrase ?? "Error", body?.Detail, body?.Error ?? "http-" + status));
    }

    private static string JobPath(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        return "v1/jobs/" + Uri.EscapeDataString(jobId);
    }
}
