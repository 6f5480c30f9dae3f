namespace Paraloom.Grains;

/// <summary>
/// What an execution leaves for its validator to send: the signed votes (none after a failure), the refusal of an
/// assignment that ran nothing, or the signed report that the execution hit the job's wall-clock limit.
/// </summary>
internal sealed record AssignmentOutcome(IReadOnlyList<SignedVote> Votes, AssignmentRefusal? Refusal, WallClockReport? WallClock = null)
{
    public static AssignmentOutcome Nothing { get; } = new([], null);
}
