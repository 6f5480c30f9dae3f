using Paraloom.Grains;

namespace Paraloom.Silo.Api;

/// <summary>
/// Which HTTP status and error code each refusal gets. Only exceptions listed here reach the caller with
/// their message; those messages are written for requesters and carry no secrets.
/// </summary>
internal static class ProblemMapping
{
    public static ApiProblemException? ToProblem(Exception exception) => exception switch
    {
        ApiProblemException problem => problem,
        JobSubmissionException refused => Submission(refused),
        KeyDeliveryException refused => new(StatusCodes.Status409Conflict, "key-delivery-refused", refused.Message),
        KeyHandOutDeniedException denied => new(StatusCodes.Status403Forbidden, "key-hand-out-denied", denied.Message),
        UnknownJobException unknown => new(StatusCodes.Status404NotFound, "unknown-job", unknown.Message),
        ResultAccessDeniedException denied => new(StatusCodes.Status403Forbidden, "result-access-denied", denied.Message),
        ResultNotReadyException notReady => new(StatusCodes.Status409Conflict, "result-not-ready", notReady.Message),
        _ => null,
    };

    public static string ErrorCode(SubmissionError error) => error switch
    {
        SubmissionError.InvalidJobId => "invalid-job-id",
        SubmissionError.AlreadySubmitted => "already-submitted",
        SubmissionError.AboveCap => "above-cap",
        SubmissionError.InvalidModule => "invalid-module",
        SubmissionError.HasImports => "module-has-imports",
        SubmissionError.InvalidOwnershipProof => "invalid-ownership-proof",
        SubmissionError.NoValidators => "no-validators",
        _ => "submission-refused",
    };

    private static ApiProblemException Submission(JobSubmissionException refused) => new(
        refused.Error switch
        {
            SubmissionError.InvalidJobId => StatusCodes.Status400BadRequest,
            SubmissionError.AlreadySubmitted => StatusCodes.Status409Conflict,
            SubmissionError.NoValidators => StatusCodes.Status503ServiceUnavailable,
            _ => StatusCodes.Status422UnprocessableEntity,
        },
        ErrorCode(refused.Error),
        refused.Message);
}
