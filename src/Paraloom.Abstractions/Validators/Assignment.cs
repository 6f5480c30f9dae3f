using Orleans;
using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// One attempt of a job, as given to one cohort member: the job as submitted (a private one with its sealed
/// input, commitment and proof) and, for a private job, the job key wrapped to this member.
/// <see cref="ToString"/> shows no input.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.assignment")]
public sealed class Assignment
{
    public Assignment(JobSpec job, int attempt, WrappedJobKey? wrappedKey = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        if (job.IsPrivate != wrappedKey is not null)
        {
            throw new ArgumentException("A private job's assignment carries the member's wrapped job key; a public one carries none.", nameof(wrappedKey));
        }
        Job = job;
        Attempt = attempt;
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

    public override string ToString() => $"Assignment({JobId}/{Attempt}, {(Job.IsPrivate ? "private" : "public")})";
}
