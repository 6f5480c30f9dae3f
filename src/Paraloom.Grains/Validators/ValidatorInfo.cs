using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>A validator as the scoring view sees it.</summary>
public sealed record ValidatorInfo(
    string ValidatorId, string SiloId, PublicKey PublicKey, int Capacity, int InFlight, int Reputation);
