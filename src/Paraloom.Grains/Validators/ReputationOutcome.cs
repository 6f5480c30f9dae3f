using Paraloom.Compute.Agreement;

namespace Paraloom.Grains;

/// <summary>How a validator behaved in one attempt of one job.</summary>
public sealed record ReputationOutcome(string JobId, int Attempt, MemberConduct Conduct)
{
    /// <summary>Identifies the outcome, so applying it again changes nothing.</summary>
    public string Key => $"{JobId}/{Attempt}/{Conduct}";
}
