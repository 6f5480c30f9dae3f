namespace Paraloom.Client;

/// <summary>The silo refused a request; <see cref="Problem"/> holds its RFC 7807 problem details.</summary>
public class ParaloomApiException : Exception
{
    /// <summary>A refusal the silo answered with <paramref name="problem"/>.</summary>
    public ParaloomApiException(ProblemDetails problem)
        : this(problem, problem?.Detail ?? problem?.Title ?? "The silo refused the request.", null)
    {
    }

    /// <summary>A failure described by <paramref name="problem"/>, caused by <paramref name="inner"/>.</summary>
    protected ParaloomApiException(ProblemDetails problem, string message, Exception? inner)
        : base(message, inner) =>
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));

    /// <summary>The problem details: status, title, detail and the silo's error code.</summary>
    public ProblemDetails Problem { get; }

    /// <summary>The HTTP status; 0 when the silo gave no answer.</summary>
    public int Status => Problem.Status;

    /// <summary>The silo's short error code, e.g. "invalid-module" or "above-cap"; "unreachable" when it gave no answer.</summary>
    public string Error => Problem.Error;

    /// <summary>The exception a refusal is, by its status and error code, whichever transport brought it.</summary>
    internal static ParaloomApiException For(ProblemDetails problem) => problem.Status switch
    {
        400 or 413 or 415 or 422 => new ValidationException(problem),
        404 when problem.Error == "unknown-job" => new JobNotFoundException(problem),
        _ => new ParaloomApiException(problem),
    };
}

/// <summary>
/// The silo gave no answer: it is down, the address is wrong, or it did not answer in time once transient
/// failures had been retried. <see cref="Exception.InnerException"/> holds the transport's exception.
/// </summary>
public sealed class SiloUnreachableException(string message, Exception inner)
    : ParaloomApiException(new ProblemDetails(0, "Silo unreachable", message, "unreachable"), message, inner);

/// <summary>The silo refused what was sent (400, 413, 415, 422): malformed, oversize, invalid module or proof, above a cap.</summary>
public sealed class ValidationException(ProblemDetails problem) : ParaloomApiException(problem);

/// <summary>No job was submitted under this id.</summary>
public sealed class JobNotFoundException(ProblemDetails problem) : ParaloomApiException(problem);

/// <summary>
/// The secret key given is not the job's requester's, so it cannot hand out the job's keys: refused before anything is
/// sent (403 "not-the-requester"), as the silo would refuse a hand-out signed with it.
/// </summary>
public sealed class NotTheRequesterException(string jobId)
    : ParaloomApiException(new ProblemDetails(403, "Forbidden",
        $"The key is not the requester's of job '{jobId}': only the key that submitted a job hands out its keys.", "not-the-requester"));

/// <summary>
/// The job ended rejected: its cohorts could not agree, every member of a cohort hit its wall-clock limit or refused it,
/// it timed out, or its keys were never handed out.
/// </summary>
public sealed class JobRejectedException(string jobId, string reason, string? code = null)
    : Exception($"Job '{jobId}' was rejected: {reason}")
{
    /// <summary>The rejected job.</summary>
    public string JobId { get; } = jobId;

    /// <summary>Why the service rejected it.</summary>
    public string Reason { get; } = reason;

    /// <summary>The reason as the service's code (<see cref="JobProgress.RejectionCode"/>), such as <c>wall-clock-limit</c>.</summary>
    public string? Code { get; } = code;
}

/// <summary>The job ended cancelled by its requester: it has no result.</summary>
public sealed class JobCancelledException(string jobId) : Exception($"Job '{jobId}' was cancelled by its requester.")
{
    /// <summary>The cancelled job.</summary>
    public string JobId { get; } = jobId;
}

/// <summary>
/// What the silo answered does not verify against what the client itself knows (the statement the requester signed):
/// the silo, or something between it and the client, changed it. Nothing was acted on: no key was wrapped, no
/// result returned.
/// </summary>
public sealed class UnverifiedAnswerException(string jobId, string message) : Exception($"Job '{jobId}': {message}")
{
    /// <summary>The job the answer was about.</summary>
    public string JobId { get; } = jobId;
}

/// <summary>
/// A result whose receipt does not prove it under the network key (<see cref="ParaloomClientOptions.NetworkKey"/>): no
/// receipt, one not in its canonical encoding, a statement that is not the requester's for this job, too few valid
/// certified votes, or an output whose digest is not the one the cohort signed. Nothing of it was returned or decrypted.
/// </summary>
public sealed class UnverifiedResultException(string jobId, string reason)
    : Exception($"The result of job '{jobId}' is not proven by its receipt: {reason}.")
{
    /// <summary>The job the result was about.</summary>
    public string JobId { get; } = jobId;

    /// <summary>What the verifier found wrong, in words.</summary>
    public string Reason { get; } = reason;
}

/// <summary>
/// A note inclusion proof that does not verify: it does not parse, is for another job, its receipt is not the requester's
/// for this job or (with <see cref="ParaloomClientOptions.NetworkKey"/> pinned) not valid under the network key, its
/// leaf is not the note the receipt's votes signed, or its path does not lead to its root at a position below its tree size.
/// </summary>
public sealed class UnverifiedNoteProofException(string jobId, string reason)
    : Exception($"The note inclusion proof of job '{jobId}' does not verify: {reason}.")
{
    /// <summary>The job whose note the proof was about.</summary>
    public string JobId { get; } = jobId;

    /// <summary>What the verifier found wrong, in words.</summary>
    public string Reason { get; } = reason;
}

/// <summary>RFC 7807 problem details as the silo sends them, with its error code.</summary>
/// <param name="Status">The HTTP status (0: no answer).</param>
/// <param name="Title">A short summary of the problem.</param>
/// <param name="Detail">What exactly was wrong, when the silo says.</param>
/// <param name="Error">The silo's short error code, stable for programs to match.</param>
public sealed record ProblemDetails(int Status, string Title, string? Detail, string Error);
