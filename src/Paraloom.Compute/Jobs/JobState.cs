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
}
