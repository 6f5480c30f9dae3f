using Orleans;
namespace Paraloom.Grains;

/// <summary>A submission the service refused; nothing was stored. The message is fit to show the requester.</summary>
[GenerateSerializer, Alias("paraloom.job-submission-exception")]
public sealed class JobSubmissionException : Exception
{
    public JobSubmissionException(SubmissionError error, string message)
        : base(message) =>
        Error = error;

    [Id(0)]
    public SubmissionError Error { get; }
}
