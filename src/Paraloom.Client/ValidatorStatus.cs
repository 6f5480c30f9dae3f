using Paraloom.Privacy;

namespace Paraloom.Client;

/// <summary>A validator as cohort selection scores it.</summary>
/// <param name="ValidatorId">The validator, named after its public key.</param>
/// <param name="SiloId">The silo that hosts it.</param>
/// <param name="PublicKey">The key job keys are wrapped to and votes are signed with.</param>
/// <param name="Capacity">Executions it runs at once.</param>
/// <param name="InFlight">Executions it runs now.</param>
/// <param name="Reputation">Its standing: agreeing with majorities raises it, dissent and silence lower it.</param>
public sealed record ValidatorStatus(string ValidatorId, string SiloId, PublicKey PublicKey, int Capacity, int InFlight, int Reputation)
{
    /// <summary>In-flight executions over capacity.</summary>
    public double Load => Capacity == 0 ? 1.0 : (double)InFlight / Capacity;
}
