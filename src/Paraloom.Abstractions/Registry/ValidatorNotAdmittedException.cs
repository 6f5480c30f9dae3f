using Orleans;

namespace Paraloom.Grains;

/// <summary>The registry refused a validator: its certificate is missing or does not admit it, as <see cref="Problem"/> says.</summary>
[GenerateSerializer, Alias("paraloom.validator-not-admitted-exception")]
public sealed class ValidatorNotAdmittedException(string validatorId, string problem)
    : Exception($"Validator '{validatorId}' is not admitted to the network: {problem}.")
{
    [Id(0)]
    public string ValidatorId { get; } = validatorId;

    [Id(1)]
    public string Problem { get; } = problem;
}
