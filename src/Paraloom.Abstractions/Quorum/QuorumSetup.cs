using Orleans;
using Paraloom.Compute;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>An attempt's cohort and agreement rule, fixed when the quorum opens.</summary>
[GenerateSerializer, Immutable, Alias("paraloom.quorum-setup")]
public sealed record QuorumSetup(
    [property: Id(0)] string JobId, [property: Id(1)] int Attempt, [property: Id(2)] IReadOnlyList<CohortMember> Cohort,
    [property: Id(3)] AgreementOptions Agreement)
{
    public bool SameAs(QuorumSetup other) =>
        JobId == other.JobId && Attempt == other.Attempt && Agreement == other.Agreement
        && Cohort.SequenceEqual(other.Cohort);
}
