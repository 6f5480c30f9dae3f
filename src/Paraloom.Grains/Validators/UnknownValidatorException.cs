namespace Paraloom.Grains;

/// <summary>This silo holds no key for the validator, so it cannot host it.</summary>
public sealed class UnknownValidatorException(string validatorId)
    : Exception($"This silo holds no key for validator '{validatorId}'.")
{
    public string ValidatorId { get; } = validatorId;
}
