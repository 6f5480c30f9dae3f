using Orleans;
using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// One attempt of a job, as given to one cohort member: the job as submitted (a private one with its sealed
/// input, commitment and proof), the statement its requester signed for it (which the member checks the job against
/// before it runs anything), the attempt's cohort (which its vote signs) and, for a private job, the job key wrapped to
/// this member.
/// <see cref="ToString"/> shows no input.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.assignment")]
public sealed class Assignment
{
    public Assignment(JobSpec job, SignedJobStatement statement, int attempt, IReadOnlyList<string> cohort, WrappedJobKey? wrappedKey = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(statement);
        ArgumentNullException.ThrowIfNull(cohort);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        if (job.IsPrivate != wrappedKey is not null)
        {
            throw new ArgumentException("A private job's assignment carries the member's wrapped job key; a public one carries none.", nameof(wrappedKey));
        }
        Job = job;
        Statement = statement;
        Attempt = attempt;
        Cohort = [.. cohort];
        WrappedKey = wrappedKey;
    }

    [Id(0)]
    public JobSpec Job { get; }

    public string JobId => Job.Id.Value;

    [Id(1)]
    public int Attempt { get; }

    /// <summary>The job key wrapped to this member; null for a public job.</summary>
    [Id(2)]
    public WrappedJobKey? WrappedKey { get; }

    /// <summary>What the requester signed; a member runs the job only if the statement is signed and describes it.</summary>
    [Id(3)]
    public SignedJobStatement Statement { get; }

    /// <summary>The ids of the attempt's cohort, in the order the job chose them.</summary>
    [Id(4)]
    public IReadOnlyList<string> Cohort { get; }

    public override string ToString() => $"Assignment({JobId}/{Attempt}, {(Job.IsPrivate ? "private" : "public")})";
}
