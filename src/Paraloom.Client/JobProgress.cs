using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Client;

/// <summary>Where a job is: its state, the current cohort and how many of it have voted. Nothing here is secret.</summary>
public sealed record JobProgress
{
    /// <summary>The job.</summary>
    public required string JobId { get; init; }

    /// <summary>Where the job is.</summary>
    public required JobState State { get; init; }

    /// <summary>True for a job whose input is sealed.</summary>
    public required bool IsPrivate { get; init; }

    /// <summary>The key that alone may fetch the result (and hand out a private job's key).</summary>
    public required PublicKey Requester { get; init; }

    /// <summary>The current attempt, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>The current attempt's cohort.</summary>
    public required IReadOnlyList<CohortMember> Cohort { get; init; }

    /// <summary>
    /// The current cohort's validator certificates as the silo reported them, in the order of <see cref="Cohort"/>;
    /// null for a member it gave none for (or one that does not parse). Unchecked here: the client wraps a job key only to
    /// members whose certificates verify under the network key it pinned.
    /// </summary>
    public IReadOnlyList<ValidatorCertificate?> Certificates { get; init; } = [];

    /// <summary>Votes the current attempt has received, of <see cref="Cohort"/>.Count.</summary>
    public required int VotesReceived { get; init; }

    /// <summary>Votes one result needs to be agreed.</summary>
    public required int Threshold { get; init; }

    /// <summary>Time since the job was submitted.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>True while the service waits for the requester to hand the job key to the current cohort.</summary>
    public required bool AwaitingKeys { get; init; }

    /// <summary>The agreed result digest (hex) once finalised.</summary>
    public string? Digest { get; init; }

    /// <summary>Why the job was rejected, or why the last attempt was retried.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// Once rejected, why, as a code: <c>disagreement</c>, <c>wall-clock-limit</c> (every member of a cohort hit the job's
    /// own wall-clock limit), <c>refused-by-cohort</c>, <c>key-hand-out-timeout</c> or <c>distribution-timeout</c>.
    /// </summary>
    public string? RejectionCode { get; init; }

    /// <summary>
    /// The execution profile (engine/version/architecture/configuration hash) the current cohort was chosen in:
    /// its members run the job under it and sign it with their votes.
    /// </summary>
    public string? Profile { get; init; }

    /// <summary>
    /// The status's version: one more with each state change the service stores, never lower. Waiting follows the job's
    /// pushed changes by it, and resumes a broken stream after the last version it saw.
    /// </summary>
    public required long Version { get; init; }

    /// <summary>K: how many validators run each attempt.</summary>
    public int Replication { get; init; }

    /// <summary>When the job was submitted.</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When each attempt started (its cohort was assigned), attempt 1 first; empty while the job waits for its first cohort.</summary>
    public IReadOnlyList<DateTimeOffset> AttemptStartedAt { get; init; } = [];

    /// <summary>When the job reached its final state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>
    /// A public job's hold, in credits: the most it may be charged. Null for a private job (its hold follows from its
    /// private input's length).
    /// </summary>
    public long? FeeHeld { get; init; }

    /// <summary>
    /// A public job's fee once final, in credits: what its requester's account was charged for it. Null before, and for a
    /// private job, whose fee only its requester reads, in <see cref="JobResult.Fee"/>.
    /// </summary>
    public long? Fee { get; init; }

    /// <summary>True once the job is <see cref="JobState.Finalised"/>, <see cref="JobState.Rejected"/> or <see cref="JobState.Cancelled"/>.</summary>
    public bool IsFinal => State is JobState.Finalised or JobState.Rejected or JobState.Cancelled;

    /// <summary>
    /// A private job's public facts (module hash, input commitment, the job key's nonce) as the silo reported them; null for
    /// a public job. Unchecked here: hand-outs take them from the requester's signed statement instead.
    /// </summary>
    public PrivateJobContext? Privacy { get; init; }

    /// <summary>The statement the silo says the requester signed; unchecked until the client verifies it.</summary>
    internal SignedJobStatement? Statement { get; init; }
}
