using Orleans.Runtime;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Orleans.Runtime.Placement;

namespace Paraloom.Grains;

/// <summary>
/// Chooses the silo for a validator's activation: this silo when it holds the key, else the active silo whose
/// published metadata (<see cref="MetadataKey"/>: the ids of the validators whose keys it holds) lists the validator.
/// When no active silo holds the key, placement fails with <see cref="ValidatorOfflineException"/>: the caller sees
/// the validator as unreachable (a missing vote), and the registry, which lists only validators on active silos, no
/// longer selects it.
/// </summary>
internal sealed class KeyHolderPlacementDirector(IValidatorKeyRing keyRing, ISiloMetadataCache metadata) : IPlacementDirector
{
    /// <summary>The silo metadata entry listing the validators a silo hosts, comma-separated.</summary>
    public const string MetadataKey = "paraloom.validators";

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        var validatorId = target.GrainIdentity.Key.ToString()!;
        var candidates = context.GetCompatibleSilos(target);
        if (keyRing.TryGetKey(validatorId, out _) && candidates.Contains(context.LocalSilo))
        {
            return Task.FromResult(context.LocalSilo);
        }
        foreach (var silo in candidates)
        {
            if (metadata.GetSiloMetadata(silo).Metadata.TryGetValue(MetadataKey, out var hosted)
                && hosted.Split(',').Contains(validatorId, StringComparer.Ordinal))
            {
                return Task.FromResult(silo);
            }
        }
        throw new ValidatorOfflineException(validatorId);
    }
}
