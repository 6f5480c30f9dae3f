namespace Paraloom.Grains;

/// <summary>
/// A cohort member's report that it refused its assignment before running anything (the ownership proof, the
/// wrapped key or the sealed input failed, or the input is not the committed one). Not a vote.
/// </summary>
public sealed record AssignmentRefusal(string JobId, int Attempt, string ValidatorId, string Reason);
