using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Orleans;
using Paraloom.Grains;
using Paraloom.Wire;

namespace Paraloom.Silo.Api;

/// <summary>
/// A job's state changes as they happen: a Server-Sent Events stream, and the long poll behind
/// <c>GET /v1/jobs/{id}?after=V&amp;wait=S</c>. Both wait in the job grain (<see cref="IComputeJobGrain.WaitForChangeAsync"/>),
/// which wakes them when it stores a transition; a client that goes away cancels its wait.
/// </summary>
internal static class JobEventEndpoints
{
    public static RouteGroupBuilder MapJobEventEndpoints(this RouteGroupBuilder jobs)
    {
        jobs.MapGet("/{jobId}/events", StreamAsync)
            .WithName("StreamJobEvents")
            .WithSummary("The job's status at once and after each state change, as Server-Sent Events, until it is final.")
            .WithDescription(
                "Each event is `event: status`, `id:` the status version and `data:` the same JSON as GET /v1/jobs/{jobId}. "
                + "The stream ends after a final state (Finalised or Rejected). Send `Last-Event-ID` with the last version seen "
                + "to resume a broken stream: only later versions follow. Comment lines keep a quiet stream open. A watch refused "
                + "once the stream has started (429 too-many-watches: the requester holds as many as it may) ends it with "
                + "`event: error` and `data:` the problem details a refused request gets as its body.")
            .Produces<JobStatusResponse>(StatusCodes.Status200OK, "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return jobs;
    }

    /// <summary>Answers <c>GET /v1/jobs/{id}?after=V&amp;wait=S</c>: the status once its version is past V, or after S seconds.</summary>
    public static async Task<JobStatus> LongPollAsync(
        IComputeJobGrain job, string? after, string? wait, HttpContext context, SiloOptions options, JobWatchLimiter watches, TimeProvider time)
    {
        var afterVersion = Version("after", after);
        var waitFor = Seconds(wait, options.MaxLongPollWait);
        using var lease = watches.Acquire(context);
        var until = time.GetUtcNow() + waitFor;
        while (true)
        {
            var status = await job.WaitForChangeAsync(afterVersion, until - time.GetUtcNow(), context.RequestAborted);
            if (status.Version > afterVersion || status.IsFinal || time.GetUtcNow() >= until)
            {
                return status;
            }
        }
    }

    private static async Task StreamAsync(string jobId, HttpContext context, IGrainFactory grains, JobWatchLimiter watches)
    {
        var job = JobEndpoints.Job(grains, jobId);
        var lastSeen = context.Request.Headers["Last-Event-ID"] is { Count: > 0 } header ? Version("Last-Event-ID", header.ToString()) : -1;
        using var lease = watches.Acquire(context);
        var aborted = context.RequestAborted;
        // Before the stream starts, so an unknown job is a 404 with problem details.
        var status = await job.WaitForChangeAsync(lastSeen, TimeSpan.Zero, aborted);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        try
        {
            while (true)
            {
                if (status.Version > lastSeen)
                {
                    var json = JsonSerializer.Serialize(ResponseMapper.ToResponse(status), ApiJson.Options);
                    await response.WriteAsync($"event: status\nid: {status.Version}\ndata: {json}\n\n", aborted);
                    lastSeen = status.Version;
                }
                else
                {
                    // Nothing new: a comment, so proxies and the client see a live stream.
                    await response.WriteAsync(": waiting\n\n", aborted);
                }
                await response.Body.FlushAsync(aborted);
                if (status.IsFinal)
                {
                    return;
                }
                status = await job.WaitForChangeAsync(lastSeen, JobWatch.MaxWait, aborted);
            }
        }
        catch (Exception gone) when (aborted.IsCancellationRequested && gone is OperationCanceledException or IOException)
        {
            // The client went away: its wait in the grain was cancelled with it.
        }
        catch (Exception refused) when (ProblemMapping.ToProblem(refused) is { } problem)
        {
            // The stream's 200 is sent: the refusal ends it as an event carrying the problem details it would have had as a response.
            await response.WriteAsync($"event: {ErrorEvent}\ndata: {ApiExceptionHandler.Json(problem)}\n\n", aborted);
            await response.Body.FlushAsync(aborted);
        }
    }

    /// <summary>The event that ends a stream whose watch was refused after it started.</summary>
    private const string ErrorEvent = "error";

    private static long Version(string name, string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : throw ApiProblemException.BadRequest($"'{name}' must be a status version: a whole number from 0.");

    /// <summary>The long poll's wait, capped; none given: the cap.</summary>
    private static TimeSpan Seconds(string? wait, TimeSpan cap)
    {
        if (wait is null)
        {
            return cap;
        }
        if (!double.TryParse(wait, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds))
        {
            throw ApiProblemException.BadRequest("'wait' must be a number of seconds from 0.");
        }
        return seconds * TimeSpan.TicksPerSecond >= cap.Ticks ? cap : TimeSpan.FromSeconds(seconds);
    }
}
