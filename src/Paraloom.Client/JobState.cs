namespace Paraloom.Client;

/// <summary>Where a job is in its lifecycle (submit → assign → [keys] → execute → agree).</summary>
public enum JobState
{
    /// <summary>Accepted and waiting for validators with free capacity.</summary>
    Submitted,

    /// <summary>A cohort was chosen for the current attempt.</summary>
    Assigned,

    /// <summary>A private job waits for its requester to hand the job key to the cohort.</summary>
    AwaitingKeys,

    /// <summary>The cohort holds the job key.</summary>
    KeysDelivered,

    /// <summary>The cohort runs the job and votes.</summary>
    Executing,

    /// <summary>The attempt failed (disagreement, timeout); a fresh cohort follows.</summary>
    Retrying,

    /// <summary>The cohort agreed on a result: fetch it.</summary>
    Finalised,

    /// <summary>The job ended without a result; the status says why.</summary>
    Rejected,

    /// <summary>Its requester cancelled it: no result, its hold released, nobody penalised.</summary>
    Cancelled,
}
