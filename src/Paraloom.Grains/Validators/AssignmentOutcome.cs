namespace Paraloom.Grains;

/// <summary>
/// What an execution leaves for its validator to send: the signed votes (none after a timeout or a failure), or the
/// refusal of an assignment that ran nothing.
/// </summary>
internal sealed record AssignmentOutcome(IReadOnlyList<SignedVote> Votes, AssignmentRefusal? Refusal)
{
    public static AssignmentOutcome Nothing { get; } = new([], null);
}
