namespace Paraloom.Client;

/// <summary>The silo refused a request; <see cref="Problem"/> holds its RFC 7807 problem details.</summary>
public class ParaloomApiException : Exception
{
    public ParaloomApiException(ProblemDetails problem)
        : base(problem?.Detail ?? problem?.Title ?? "The silo refused the request.") =>
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));

    public ProblemDetails Problem { get; }

    /// <summary>The HTTP status.</summary>
    public int Status => Problem.Status;

    /// <summary>The silo's short error code, e.g. "invalid-module" or "above-cap".</summary>
    public string Error => Problem.Error;
}

/// <summary>The silo refused what was sent (400, 413, 415, 422): malformed, oversize, invalid module or proof, above a cap.</summary>
public sealed class ValidationException(ProblemDetails problem) : ParaloomApiException(problem);

/// <summary>No job was submitted under this id.</summary>
public sealed class JobNotFoundException(ProblemDetails problem) : ParaloomApiException(problem);

/// <summary>The job ended rejected: its cohorts could not agree, it timed out, or its keys were never handed out.</summary>
public sealed class JobRejectedException(string jobId, string reason)
    : Exception($"Job '{jobId}' was rejected: {reason}")
{
    public string JobId { get; } = jobId;

    public string Reason { get; } = reason;
}

/// <summary>RFC 7807 problem details as the silo sends them, with its error code.</summary>
public sealed record ProblemDetails(int Status, string Title, string? Detail, string Error);
