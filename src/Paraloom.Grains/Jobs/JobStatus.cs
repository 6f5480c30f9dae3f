using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>Where a job is, as anyone may see it: nothing here is secret.</summary>
public sealed record JobStatus
{
    public required string JobId { get; init; }

    public required JobState State { get; init; }

    public required bool IsPrivate { get; init; }

    public required PublicKey Requester { get; init; }

    /// <summary>The current attempt, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>The current attempt's cohort.</summary>
    public required IReadOnlyList<CohortMember> Cohort { get; init; }

    /// <summary>Votes the current attempt's quorum has counted.</summary>
    public required int VotesReceived { get; init; }

    /// <summary>The votes one result needs in the current cohort.</summary>
    public required int Threshold { get; init; }

    /// <summary>Time since submission.</summary>
    public required TimeSpan Elapsed { get; init; }

    /// <summary>True while the service waits for the requester to hand the job key to the current cohort.</summary>
    public required bool AwaitingKeys { get; init; }

    /// <summary>For a private job: what the requester needs to hand out keys and open the output.</summary>
    public PrivateJobContext? Privacy { get; init; }

    /// <summary>The agreed digest once finalised.</summary>
    public ResultDigest? Digest { get; init; }

    /// <summary>Why the job was rejected, or why the last attempt was retried.</summary>
    public string? Reason { get; init; }

    public bool IsFinal => State is JobState.Finalised or JobState.Rejected;
}
