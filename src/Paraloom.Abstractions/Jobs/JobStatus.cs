using Orleans;
using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>Where a job is, as anyone may see it: nothing here is secret.</summary>
[GenerateSerializer, Immutable, Alias("paraloom.job-status")]
public sealed record JobStatus
{
    [Id(0)]
    public required string JobId { get; init; }

    [Id(1)]
    public required JobState State { get; init; }

    [Id(2)]
    public required bool IsPrivate { get; init; }

    [Id(3)]
    public required PublicKey Requester { get; init; }

    /// <summary>The current attempt, from 1.</summary>
    [Id(4)]
    public required int Attempt { get; init; }

    /// <summary>The current attempt's cohort.</summary>
    [Id(5)]
    public required IReadOnlyList<CohortMember> Cohort { get; init; }

    /// <summary>Votes the current attempt's quorum has counted.</summary>
    [Id(6)]
    public required int VotesReceived { get; init; }

    /// <summary>The votes one result needs in the current cohort.</summary>
    [Id(7)]
    public required int Threshold { get; init; }

    /// <summary>Time since submission, or from submission to the end once the job is final.</summary>
    [Id(8)]
    public required TimeSpan Elapsed { get; init; }

    /// <summary>True while the service waits for the requester to hand the job key to the current cohort.</summary>
    [Id(9)]
    public required bool AwaitingKeys { get; init; }

    /// <summary>For a private job: what the requester needs to hand out keys and open the output.</summary>
    [Id(10)]
    public PrivateJobContext? Privacy { get; init; }

    /// <summary>The agreed digest once finalised.</summary>
    [Id(11)]
    public ResultDigest? Digest { get; init; }

    /// <summary>Why the job was rejected, or why the last attempt was retried.</summary>
    [Id(12)]
    public string? Reason { get; init; }

    /// <summary>The execution profile the current attempt's cohort was chosen in; none before the first assignment.</summary>
    [Id(13)]
    public string? Profile { get; init; }

    /// <summary>
    /// Counts the job's stored transitions: 1 once submitted, one more with each state change, never lower after a
    /// restart (it is stored with the state it numbers). Watchers resume from the last version they saw.
    /// </summary>
    [Id(14)]
    public required long Version { get; init; }

    /// <summary>The statement the requester signed at submission: a client checks the signature before it trusts a field of it.</summary>
    [Id(15)]
    public SignedJobStatement? Statement { get; init; }

    /// <summary>
    /// Once rejected, why, as a code: <c>disagreement</c>, <c>wall-clock-limit</c> (every member of a cohort hit the job's
    /// own wall-clock limit), <c>refused-by-cohort</c>, <c>key-hand-out-timeout</c> or <c>distribution-timeout</c>.
    /// </summary>
    [Id(16)]
    public string? RejectionCode { get; init; }

    /// <summary>
    /// The current attempt's members' validator certificates, in the order of <see cref="Cohort"/>: a client wraps a
    /// job key only to a member whose certificate verifies under the network authority it pinned.
    /// </summary>
    [Id(17)]
    public IReadOnlyList<ValidatorCertificate> Certificates { get; init; } = [];

    /// <summary>K: how many validators run each attempt.</summary>
    [Id(18)]
    public required int Replication { get; init; }

    [Id(19)]
    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When each attempt started (its cohort was assigned), attempt 1 first; empty while the job waits for its first cohort.</summary>
    [Id(20)]
    public IReadOnlyList<DateTimeOffset> AttemptStartedAt { get; init; } = [];

    /// <summary>When the job reached its final state.</summary>
    [Id(21)]
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>
    /// A public job's hold, in credits: the most it may be charged. Null for a private job, whose hold follows from its private
    /// input's length: its requester reads its fee from the result.
    /// </summary>
    [Id(22)]
    public long? FeeHeld { get; init; }

    /// <summary>
    /// A public job's fee once final, in credits: what its requester's account was charged for it. Null before, and for a
    /// private job, whose fee follows from the fuel its private input made it use.
    /// </summary>
    [Id(23)]
    public long? Fee { get; init; }

    /// <summary>
    /// Once rejected for a reason its cohorts certify (<c>wall-clock-limit</c> or <c>disagreement</c>), the rejection
    /// receipt's canonical bytes (<see cref="Compute.RejectionReceipt"/>, docs/receipt-format.md); null for any other
    /// rejection, which is the service's word alone.
    /// </summary>
    [Id(24)]
    public byte[]? RejectionReceipt { get; init; }

    public bool IsFinal => State is JobState.Finalised or JobState.Rejected or JobState.Cancelled;
}
