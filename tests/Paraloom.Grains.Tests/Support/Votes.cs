using Paraloom.Compute;

namespace Paraloom.Grains.Tests.Support;

/// <summary>What a test's hand-made vote is about: the attempt a job's status shows, with its statement and cohort.</summary>
internal static class Votes
{
    public static VoteSubject SubjectOf(JobStatus status) =>
        VoteSubject.For(status.Statement!.Statement, status.Attempt, [.. status.Cohort.Select(member => member.ValidatorId)]);
}
