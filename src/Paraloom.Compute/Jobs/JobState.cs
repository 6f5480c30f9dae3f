namespace Paraloom.Compute;

/// <summary>The states of a job's lifecycle (DESIGN §1); see <see cref="JobLifecycle"/> for the transitions.</summary>
public enum JobState
{
    Submitted,
    Assigned,
    AwaitingKeys,
    KeysDelivered,
    Executing,
    Retrying,
    Finalised,
    Rejected,

    /// <summary>Its requester cancelled it before it ended: no result, and nobody is charged or penalised for it.</summary>
    Cancelled,
}
