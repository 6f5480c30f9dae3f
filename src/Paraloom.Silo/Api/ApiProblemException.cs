namespace Paraloom.Silo.Api;

/// <summary>A request the API refuses, with the status, a short machine-readable code and a message fit for the caller.</summary>
internal sealed class ApiProblemException(int status, string error, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public int Status { get; } = status;

    /// <summary>Short, stable, kebab-case: what a client switches on.</summary>
    public string Error { get; } = error;

    public static ApiProblemException BadRequest(string message, Exception? innerException = null) =>
        new(StatusCodes.Status400BadRequest, "bad-request", message, innerException);
}
