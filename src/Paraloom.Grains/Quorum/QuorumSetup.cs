using Paraloom.Compute;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>An attempt's cohort and agreement rule, fixed when the quorum opens.</summary>
public sealed record QuorumSetup(string JobId, int Attempt, IReadOnlyList<CohortMember> Cohort, AgreementOptions Agreement)
{
    public bool SameAs(QuorumSetup other) =>
        JobId == other.JobId && Attempt == other.Attempt && Agreement == other.Agreement
        && Cohort.SequenceEqual(other.Cohort);
}
