using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Paraloom.Silo.Api;

/// <summary>
/// Writes every failure as RFC 7807 problem details. Refusals carry their own message; anything else is a
/// 500 whose message stays in the log, so no internal detail reaches the caller.
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public const string ErrorExtension = "error";

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = ProblemMapping.ToProblem(exception);
        if (problem is null)
        {
            LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
        }
        var details = Details(problem);
        context.Response.StatusCode = details.Status!.Value;
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details }))
        {
            // The problem writer declines a request that accepts only another type (an event stream's
            // text/event-stream); the refusal is still problem details, never an empty 500.
            await context.Response.WriteAsJsonAsync(details, ProblemJson, "application/problem+json", cancellationToken);
        }
        return true;
    }

    /// <summary>The problem details of <paramref name="problem"/>; null: a failure whose details stay in the log (500).</summary>
    public static ProblemDetails Details(ApiProblemException? problem)
    {
        var status = problem?.Status ?? StatusCodes.Status500InternalServerError;
        return new ProblemDetails
        {
            Status = status,
            Title = ReasonPhrase(status),
            Detail = problem?.Message ?? "The silo failed to handle the request; its log has the details.",
            Extensions = { [ErrorExtension] = problem?.Error ?? "internal-error" },
        };
    }

    /// <summary><paramref name="problem"/>'s problem details as one line of JSON, as a response body carries them.</summary>
    public static string Json(ApiProblemException problem) => JsonSerializer.Serialize(Details(problem), ProblemJson);

    private static readonly JsonSerializerOptions ProblemJson = new(JsonSerializerDefaults.Web);

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled failure in {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
