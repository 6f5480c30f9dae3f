using Orleans;
using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Wire;

namespace Paraloom.Silo.Api;

/// <summary>The job API under /v1: submit, status, key hand-out, and the requester-only result, note proof and cancel.</summary>
internal static class JobEndpoints
{
    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder v1)
    {
        var jobs = v1.MapGroup("/jobs").WithTags("Jobs");
        // Any operation can fail unexpectedly: a 500 with problem details whose message stays in the log.
        jobs.ProducesProblem(StatusCodes.Status500InternalServerError);
        jobs.MapPost("/", SubmitAsync)
            .WithName("SubmitJob")
            .WithSummary("Submit a job; the requester chooses its id. Nothing is stored unless it is accepted.")
            .Accepts<SubmitJobRequest>("application/json")
            .Produces<JobStatusResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .RequireRateLimiting(SubmissionLimiter.Policy);
        jobs.MapGet("/{jobId}", GetStatusAsync)
            .WithName("GetJobStatus")
            .WithSummary("A job's state, its cohort with their public keys, the votes received and whether keys are awaited.")
            .WithDescription(
                "With `after=V` a long poll: the status as soon as its `version` is past V (at once if it already is, or the job "
                + "is final), else the current status after `wait` seconds (default and cap: the silo's MaxLongPollWait).")
            .Produces<JobStatusResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        jobs.MapPost("/{jobId}/keys", DeliverKeysAsync)
            .WithName("HandOutJobKey")
            .WithSummary("The requester's key hand-out: the job key wrapped to each member of the current cohort, signed with the job's hand-out key.")
            .Accepts<DeliverKeysRequest>("application/json")
            .Produces<JobStatusResponse>()
            .ProducesSignedRequestProblems();
        jobs.MapPost("/{jobId}/result/challenge", CreateChallengeAsync)
            .WithName("CreateResultChallenge")
            .WithSummary("A fresh single-use challenge for the requester to sign.")
            .Produces<ResultChallengeResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        jobs.MapPost("/{jobId}/result", GetResultAsync)
            .WithName("GetJobResult")
            .WithSummary("The agreed result, for the requester only: a challenge and its BIP-340 signature over it.")
            .Accepts<ResultRequest>("application/json")
            .Produces<JobResultResponse>()
            .ProducesSignedRequestProblems();
        jobs.MapPost("/{jobId}/note-proof", GetNoteProofAsync)
            .WithName("GetNoteProof")
            .WithSummary("A private job's note inclusion proof, for the requester only: a challenge and its BIP-340 signature over it, as for the result.")
            .WithDescription(
                "The note commitment (the leaf), its position and 32 siblings, the tree's size and root when asked, and the job's receipt "
                + "whose votes signed the note. The root is the service's word: validators do not certify it yet. A public job's result "
                + "is no note: 409 no-note.")
            .Accepts<ResultRequest>("application/json")
            .Produces<NoteProofResponse>()
            .ProducesSignedRequestProblems();
        jobs.MapPost("/{jobId}/cancel", CancelAsync)
            .WithName("CancelJob")
            .WithSummary("Cancel a job for its requester: a challenge and its BIP-340 signature over the cancel. The job ends Cancelled, its hold released.")
            .Accepts<CancelRequest>("application/json")
            .Produces<JobStatusResponse>()
            .ProducesSignedRequestProblems();
        jobs.MapJobEventEndpoints();
        return v1;
    }

    /// <summary>Small bodies only: keys and signatures.</summary>
    private const long SmallBodyBytes = 1024 * 1024;

    private static async Task<IResult> SubmitAsync(
        HttpContext context, IGrainFactory grains, SiloOptions options, SiloMetrics metrics, CancellationToken cancellationToken)
    {
        try
        {
            var request = await JsonBody.ReadAsync<SubmitJobRequest>(context.Request, SubmissionBodyLimit.For(options), cancellationToken);
            var submission = SubmissionMapper.ToSubmission(request);
            var status = await Job(grains, request.JobId).SubmitAsync(submission);
            metrics.JobSubmitted(submission.IsPrivate);
            return Results.Created($"/v1/jobs/{status.JobId}", ResponseMapper.ToResponse(status));
        }
        catch (Exception refused) when (ProblemMapping.ToProblem(refused) is { } problem)
        {
            metrics.SubmissionRefused(problem.Error);
            throw;
        }
    }

    private static async Task<IResult> GetStatusAsync(
        string jobId, string? after, string? wait, HttpContext context, IGrainFactory grains, SiloOptions options, JobWatchLimiter watches,
        TimeProvider time)
    {
        var job = Job(grains, jobId);
        if (after is null && wait is not null)
        {
            throw ApiProblemException.BadRequest("'wait' goes with 'after': the version the long poll waits to pass.");
        }
        var status = after is null
            ? await job.GetStatusAsync()
            : await JobEventEndpoints.LongPollAsync(job, after, wait, context, options, watches, time);
        return Results.Ok(ResponseMapper.ToResponse(status));
    }

    private static async Task<IResult> DeliverKeysAsync(
        string jobId, HttpContext context, IGrainFactory grains, SiloMetrics metrics, CancellationToken cancellationToken)
    {
        var job = Job(grains, jobId);
        var request = await JsonBody.ReadAsync<DeliverKeysRequest>(context.Request, SmallBodyBytes, cancellationToken);
        if (request.WrappedKeys is null || request.WrappedKeys.Any(pair => pair.Value is null))
        {
            throw ApiProblemException.BadRequest("'wrappedKeys' must map each cohort member's id to its wrapped key.");
        }
        var wrapped = request.WrappedKeys.ToDictionary(pair => pair.Key, pair => WrappedJobKey.FromBytes(pair.Value), StringComparer.Ordinal);
        var signature = SchnorrSignature.FromBytes(HexField.Parse("signature", request.Signature, SchnorrSignature.Size));
        var status = await job.DeliverKeysAsync(request.Attempt, wrapped, signature);
        metrics.KeysHandedOut();
        return Results.Ok(ResponseMapper.ToResponse(status));
    }

    private static async Task<IResult> CreateChallengeAsync(string jobId, IGrainFactory grains)
    {
        var challenge = await Job(grains, jobId).CreateResultChallengeAsync();
        return Results.Ok(new ResultChallengeResponse(challenge.NonceHex, challenge.ExpiresAt));
    }

    private static async Task<IResult> GetResultAsync(
        string jobId, HttpContext context, IGrainFactory grains, SiloMetrics metrics, CancellationToken cancellationToken)
    {
        var job = Job(grains, jobId);
        var request = await JsonBody.ReadAsync<ResultRequest>(context.Request, SmallBodyBytes, cancellationToken);
        var (challenge, signature) = SignedChallenge.Parse(request.Challenge, request.Signature);
        try
        {
            var result = await job.GetResultAsync(challenge, signature);
            metrics.ResultRequested("served");
            return Results.Ok(ResponseMapper.ToResponse(result));
        }
        catch (Exception refused) when (ProblemMapping.ToProblem(refused) is { } problem)
        {
            metrics.ResultRequested(problem.Error);
            throw;
        }
    }

    private static async Task<IResult> GetNoteProofAsync(string jobId, HttpContext context, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var job = Job(grains, jobId);
        var request = await JsonBody.ReadAsync<ResultRequest>(context.Request, SmallBodyBytes, cancellationToken);
        var (challenge, signature) = SignedChallenge.Parse(request.Challenge, request.Signature);
        return Results.Ok(ResponseMapper.ToResponse(await job.GetNoteProofAsync(challenge, signature)));
    }

    private static async Task<IResult> CancelAsync(string jobId, HttpContext context, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var job = Job(grains, jobId);
        var request = await JsonBody.ReadAsync<CancelRequest>(context.Request, SmallBodyBytes, cancellationToken);
        var (challenge, signature) = SignedChallenge.Parse(request.Challenge, request.Signature);
        return Results.Ok(ResponseMapper.ToResponse(await job.CancelAsync(challenge, signature)));
    }

    /// <summary>A job id that cannot exist is answered here, without activating a grain for it.</summary>
    public static IComputeJobGrain Job(IGrainFactory grains, string jobId) =>
        JobId.TryParse(jobId, out _)
            ? grains.GetGrain<IComputeJobGrain>(jobId)
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, "invalid-job-id",
                $"A job id must be 1 to {JobId.MaxLength} characters of letters, digits, '-' or '_'.");
}
