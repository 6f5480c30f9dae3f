namespace Paraloom.Wire;

/// <summary>A validator as cohort selection scores it.</summary>
internal sealed record ValidatorResponse(
    string ValidatorId, string SiloId, string PublicKey, int Capacity, int InFlight, double Load, int Reputation);
