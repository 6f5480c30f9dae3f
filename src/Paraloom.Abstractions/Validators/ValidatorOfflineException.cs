using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// No silo in the cluster holds the validator's key now (its silo is gone, or never was): the validator is offline
/// and is not activated anywhere else.
/// </summary>
[GenerateSerializer, Alias("paraloom.validator-offline-exception")]
public sealed class ValidatorOfflineException(string validatorId)
    : Exception($"No silo in the cluster holds the key of validator '{validatorId}': it is offline.")
{
    [Id(0)]
    public string ValidatorId { get; } = validatorId;
}
