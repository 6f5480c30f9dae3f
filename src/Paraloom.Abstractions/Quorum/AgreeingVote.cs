using Orleans;

namespace Paraloom.Grains;

/// <summary>One member's signature over the claim its cohort agreed on: what a job's receipt carries for that member.</summary>
[GenerateSerializer, Immutable, Alias("paraloom.agreeing-vote")]
public sealed record AgreeingVote([property: Id(0)] string ValidatorId, [property: Id(1)] byte[] Signature);
