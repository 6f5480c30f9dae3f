namespace Paraloom.Client;

/// <summary>
/// Reports a job's status to the caller's <see cref="IProgress{T}"/> when a milestone changes, not when only its elapsed
/// time does (the cohort changes only with the attempt).
/// </summary>
internal sealed class ProgressReporter(IProgress<JobProgress>? progress)
{
    private JobProgress? _reported;

    public void Report(JobProgress status)
    {
        if (_reported is null || Milestone(_reported) != Milestone(status))
        {
            progress?.Report(status);
            _reported = status;
        }
    }

    private static (JobState, int, int, bool, string?, string?) Milestone(JobProgress status) =>
        (status.State, status.Attempt, status.VotesReceived, status.AwaitingKeys, status.Digest, status.Reason);
}
