using Orleans;
namespace Paraloom.Grains;

/// <summary>This silo holds no key for the validator, so it cannot host it.</summary>
[GenerateSerializer, Alias("paraloom.unknown-validator-exception")]
public sealed class UnknownValidatorException(string validatorId)
    : Exception($"This silo holds no key for validator '{validatorId}'.")
{
    [Id(0)]
    public string ValidatorId { get; } = validatorId;
}
