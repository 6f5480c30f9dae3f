namespace Paraloom.Silo.Api;

/// <summary>
/// Gives the refusals ASP.NET Core itself writes (no such route 404, 405, 415 from routing's content-type check)
/// the same problem-details shape as the API's own, with an <c>error</c> code a client can switch on.
/// </summary>
internal static class FrameworkProblems
{
    public static void AddErrorCode(ProblemDetailsContext context)
    {
        var extensions = context.ProblemDetails.Extensions;
        if (extensions.ContainsKey(ApiExceptionHandler.ErrorExtension))
        {
            return;
        }
        var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
        extensions[ApiExceptionHandler.ErrorExtension] = status switch
        {
            StatusCodes.Status404NotFound => "not-found",
            StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
            StatusCodes.Status413PayloadTooLarge => "request-too-large",
            StatusCodes.Status414UriTooLong => "uri-too-long",
            StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
            _ => "http-" + status,
        };
    }
}
