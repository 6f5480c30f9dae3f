using Orleans;
namespace Paraloom.Grains;

/// <summary>
/// A cohort member's report that it refused its assignment before running anything (the ownership proof, the
/// wrapped key or the sealed input failed, or the input is not the committed one). Not a vote.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.assignment-refusal")]
public sealed record AssignmentRefusal(
    [property: Id(0)] string JobId, [property: Id(1)] int Attempt, [property: Id(2)] string ValidatorId, [property: Id(3)] string Reason);
