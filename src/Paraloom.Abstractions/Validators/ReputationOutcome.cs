using Orleans;
using Paraloom.Compute.Agreement;

namespace Paraloom.Grains;

/// <summary>How a validator behaved in one attempt of one job.</summary>
[GenerateSerializer, Immutable, Alias("paraloom.reputation-outcome")]
public sealed record ReputationOutcome([property: Id(0)] string JobId, [property: Id(1)] int Attempt, [property: Id(2)] MemberConduct Conduct)
{
    /// <summary>Identifies the outcome, so applying it again changes nothing.</summary>
    public string Key => $"{JobId}/{Attempt}/{Conduct}";
}
