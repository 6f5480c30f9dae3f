using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;
using Paraloom.Silo.Api;
using Paraloom.Wire;

namespace Paraloom.Silo.Tests.Support;

/// <summary>
/// Speaks the silo's HTTP API with the grains' own requester-side helpers (sealing, key wrapping, result
/// authorisation), so these tests check the API independently of the client SDK.
/// </summary>
internal sealed class ApiDriver(HttpClient http)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public HttpClient Http { get; } = http;

    public static SubmitJobRequest PublicJob(string jobId, byte[] module, byte[] input, SecretKey requester, LimitsDto? limits = null) =>
        Signed(new() { JobId = jobId, Module = module, Input = input, Requester = requester.PublicKey.ToHex(), Limits = limits, Statement = Unsigned }, requester);

    /// <summary>
    /// The request with a statement <paramref name="signer"/> signs over its fields as they are now, so a test that changes
    /// a field checks what the service does with that field, not the statement. An id the statement cannot hold is stated
    /// as a valid one: the service refuses the request's own id first.
    /// </summary>
    public static SubmitJobRequest Signed(SubmitJobRequest request, SecretKey signer)
    {
        var id = JobId.TryParse(request.JobId, out var valid) ? valid : JobId.Parse("unstatable-id");
        var limits = ToLimits(request.Limits);
        var replication = request.Replication ?? JobSpec.DefaultReplication;
        var expiry = DateTimeOffset.UtcNow.AddHours(1);
        var statement = request.Private is { } sealedInput
            ? JobStatement.ForPrivate(id, request.Module, PedersenCommitment.FromHex(sealedInput.InputCommitment), JobNonce.FromHex(sealedInput.Nonce),
                signer.PublicKey, limits, replication, expiry)
            : JobStatement.ForPublic(id, request.Module, request.Input ?? [], signer.PublicKey, limits, replication, expiry);
        var signed = statement.Sign(signer);
        return request with { Statement = new JobStatementDto(statement.ToBytes(), signed.Signature.ToHex()) };
    }

    private static readonly JobStatementDto Unsigned = new([], "");

    private static ResourceLimits ToLimits(LimitsDto? limits)
    {
        var defaults = ResourceLimits.Default;
        try
        {
            return new ResourceLimits
            {
                MemoryBytes = limits?.MemoryBytes ?? defaults.MemoryBytes,
                Fuel = limits?.Fuel ?? defaults.Fuel,
                WallClock = limits?.WallClockMs is { } wall ? TimeSpan.FromMilliseconds(wall) : defaults.WallClock,
                DistributionTimeout = limits?.DistributionTimeoutMs is { } total ? TimeSpan.FromMilliseconds(total) : defaults.DistributionTimeout,
                MaxOutputBytes = limits?.MaxOutputBytes ?? defaults.MaxOutputBytes,
            };
        }
        catch (ArgumentOutOfRangeException)
        {
            // Limits the service must refuse on their own: stated as the defaults, so the refusal is the limits'.
            return defaults;
        }
    }

    public static SubmitJobRequest PrivateJob(string jobId, byte[] module, byte[] input, SecretKey requester)
    {
        var sealedInput = PrivateJobInput.Seal(jobId, module, input, requester);
        return Signed(new SubmitJobRequest
        {
            Statement = Unsigned,
            JobId = jobId,
            Module = module,
            Requester = requester.PublicKey.ToHex(),
            Private = new PrivateInputDto
            {
                InputCommitment = sealedInput.InputCommitment.ToHex(),
                SealedInput = sealedInput.SealedInput.ToBytes(),
                Nonce = sealedInput.Nonce.ToHex(),
                OwnershipProof = Convert.ToHexStringLower(sealedInput.OwnershipProof.ToBytes()),
                HandOutKey = sealedInput.HandOutKey.ToHex(),
                HandOutDelegation = sealedInput.HandOutDelegation.ToHex(),
            },
        }, requester);
    }

    public Task<HttpResponseMessage> SubmitAsync(SubmitJobRequest request) => Http.PostAsJsonAsync("/v1/jobs", request, Json);

    public async Task<JobStatusResponse> StatusAsync(string jobId) =>
        (await Http.GetFromJsonAsync<JobStatusResponse>($"/v1/jobs/{jobId}", Json))!;

    public Task<HttpResponseMessage> LongPollAsync(string jobId, string query, CancellationToken cancellationToken = default) =>
        Http.GetAsync($"/v1/jobs/{jobId}?{query}", cancellationToken);

    /// <summary>Opens the job's event stream (headers only: its events are read with <see cref="EventsAsync"/>).</summary>
    public Task<HttpResponseMessage> OpenEventsAsync(string jobId, string? lastEventId = null, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{jobId}/events");
        // As every SSE client asks: a refusal must still come back as problem details.
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }
        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>An open stream's events, read with .NET's own SSE parser, until the silo ends the stream.</summary>
    public static async IAsyncEnumerable<SseItem<JobStatusResponse>> EventsAsync(
        HttpResponseMessage stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        var parser = SseParser.Create(
            await stream.Content.ReadAsStreamAsync(cancellationToken),
            (_, data) => JsonSerializer.Deserialize<JobStatusResponse>(data, Json)!);
        await foreach (var item in parser.EnumerateAsync(cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>Polls until the job is final, handing out the key whenever it is awaited.</summary>
    public async Task<JobStatusResponse> WaitFinalAsync(string jobId, SecretKey requester)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var status = await StatusAsync(jobId);
            if (status.State is "Finalised" or "Rejected")
            {
                return status;
            }
            if (status.AwaitingKeys)
            {
                var response = await Http.PostAsJsonAsync($"/v1/jobs/{jobId}/keys", HandOut(status, requester), Json);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            await Task.Delay(50, deadline.Token);
        }
    }

    public static DeliverKeysRequest HandOut(JobStatusResponse status, SecretKey requester)
    {
        var context = Context(status.JobId, status.Privacy!, status.Requester);
        var cohort = status.Cohort.Select(member => new CohortMember(member.ValidatorId, PublicKey.FromHex(member.PublicKey)));
        var handOut = context.HandOut(requester, status.Attempt, cohort);
        return new DeliverKeysRequest
        {
            Attempt = handOut.Attempt,
            WrappedKeys = handOut.WrappedKeys.ToDictionary(pair => pair.Key, pair => pair.Value.ToBytes()),
            Signature = handOut.Signature.ToHex(),
        };
    }

    public static PrivateJobContext Context(string jobId, PrivacyContextDto privacy, string requester) => new(
        jobId, Convert.FromHexString(privacy.ModuleHash), PedersenCommitment.FromHex(privacy.InputCommitment),
        PublicKey.FromHex(requester), JobNonce.FromHex(privacy.Nonce));

    public async Task<ResultRequest> SignedChallengeAsync(string jobId, SecretKey signer)
    {
        var response = await Http.PostAsync($"/v1/jobs/{jobId}/result/challenge", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var challenge = (await response.Content.ReadFromJsonAsync<ResultChallengeResponse>(Json))!;
        var signature = ResultAuthorization.Sign(signer, jobId, Convert.FromHexString(challenge.Challenge));
        return new ResultRequest { Challenge = challenge.Challenge, Signature = signature.ToHex() };
    }

    public Task<HttpResponseMessage> ResultAsync(string jobId, ResultRequest request) =>
        Http.PostAsJsonAsync($"/v1/jobs/{jobId}/result", request, Json);

    public Task<HttpResponseMessage> NoteProofAsync(string jobId, ResultRequest request) =>
        Http.PostAsJsonAsync($"/v1/jobs/{jobId}/note-proof", request, Json);

    public static async Task<ProblemBody> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadFromJsonAsync<ProblemBody>(Json))!;
    }
}

internal sealed record ProblemBody(int Status, string Title, string Detail, string Error);
