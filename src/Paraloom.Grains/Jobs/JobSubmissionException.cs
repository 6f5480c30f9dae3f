namespace Paraloom.Grains;

/// <summary>A submission the service refused; nothing was stored. The message is fit to show the requester.</summary>
public sealed class JobSubmissionException : Exception
{
    public JobSubmissionException(SubmissionError error, string message, Exception? innerException = null)
        : base(message, innerException) =>
        Error = error;

    public SubmissionError Error { get; }
}
