using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;

namespace Paraloom.Silo.Api;

/// <summary>
/// Refuses a request whose target (path and query) is longer than <see cref="MaxBytes"/> with a 414 in the API's
/// problem-details shape. Kestrel refuses over-long request lines itself, before any middleware runs and with an empty
/// body, so its own limit is set well above this one (<see cref="KestrelRequestLineBytes"/>): only a request line past
/// that still gets Kestrel's bare 414.
/// </summary>
internal static class RequestTargetLimit
{
    /// <summary>Kestrel's default request line limit: no API path or query comes near it.</summary>
    public const int MaxBytes = 8 * 1024;

    public const int KestrelRequestLineBytes = 64 * 1024;

    public static IApplicationBuilder UseRequestTargetLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var length = TargetLength(context);
        if (length <= MaxBytes)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status414UriTooLong;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status414UriTooLong,
                Title = "URI Too Long",
                Detail = $"The request's path and query are {length} characters; the silo takes at most {MaxBytes}.",
            },
        });
    });

    /// <summary>The request target as sent; servers that do not keep it (the test server) give path and query.</summary>
    private static int TargetLength(HttpContext context) =>
        context.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw.Length
            : (context.Request.PathBase + context.Request.Path).ToUriComponent().Length + (context.Request.QueryString.Value?.Length ?? 0);
}
