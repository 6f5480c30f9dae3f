using Paraloom.Compute;

namespace Paraloom.Grains;

/// <summary>
/// A refusal a job grain throws, as every client sees it: the HTTP status the API answers with (which the SDK reports
/// over the Orleans gateway too), a short stable error code and the exception's message. Only the exceptions listed
/// here are refusals; their messages are written for requesters and carry no secrets.
/// </summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Error">Short, stable, kebab-case: what a client switches on.</param>
/// <param name="Message">What was refused, fit to show the requester.</param>
public sealed record Refusal(int Status, string Error, string Message)
{
    /// <summary>The refusal <paramref name="exception"/> is, or null when it is a failure nobody should see the details of.</summary>
    public static Refusal? Of(Exception exception) => exception switch
    {
        JobSubmissionException refused => new(SubmissionStatus(refused.Error), ErrorCode(refused.Error), refused.Message),
        KeyDeliveryException refused => new(409, "key-delivery-refused", refused.Message),
        KeyHandOutDeniedException denied => new(403, "key-hand-out-denied", denied.Message),
        UnknownJobException unknown => new(404, "unknown-job", unknown.Message),
        ResultAccessDeniedException denied => new(403, "result-access-denied", denied.Message),
        ResultNotReadyException { State: JobState.Rejected } rejected => new(409, "job-rejected", rejected.Message),
        ResultNotReadyException { State: JobState.Cancelled } cancelled => new(409, "job-cancelled", cancelled.Message),
        ResultNotReadyException notReady => new(409, "result-not-ready", notReady.Message),
        NoNoteException none => new(409, "no-note", none.Message),
        CancelDeniedException denied => new(403, "cancel-denied", denied.Message),
        JobAlreadyFinalException final => new(409, "job-already-final", final.Message),
        CallNotAllowedException notAllowed => new(403, "call-not-allowed", notAllowed.Message),
        RequesterLimitException limited => new(429, limited.Error, limited.Message),
        ClientLimitException limited => new(429, limited.Error, limited.Message),
        InsufficientCreditsException poor => new(402, InsufficientCreditsException.Error, poor.Message),
        InvalidCreditGrantException invalid => new(422, InvalidCreditGrantException.Error, invalid.Message),
        InvalidRevocationException invalid => new(422, InvalidRevocationException.Error, invalid.Message),
        _ => null,
    };

    /// <summary>The reason phrase of the statuses refusals have, as the problem details' title.</summary>
    public string Title => Status switch
    {
        400 => "Bad Request",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        409 => "Conflict",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        503 => "Service Unavailable",
        _ => "Error",
    };

    public static string ErrorCode(SubmissionError error) => error switch
    {
        SubmissionError.InvalidJobId => "invalid-job-id",
        SubmissionError.AlreadySubmitted => "already-submitted",
        SubmissionError.AboveCap => "above-cap",
        SubmissionError.BelowMinimum => "below-minimum",
        SubmissionError.InvalidModule => "invalid-module",
        SubmissionError.HasImports => "module-has-imports",
        SubmissionError.InvalidOwnershipProof => "invalid-ownership-proof",
        SubmissionError.NoValidators => "no-validators",
        SubmissionError.InvalidStatement => "invalid-statement",
        SubmissionError.StatementExpired => "statement-expired",
        _ => "submission-refused",
    };

    private static int SubmissionStatus(SubmissionError error) => error switch
    {
        SubmissionError.InvalidJobId => 400,
        SubmissionError.AlreadySubmitted => 409,
        SubmissionError.NoValidators => 503,
        _ => 422,
    };
}
