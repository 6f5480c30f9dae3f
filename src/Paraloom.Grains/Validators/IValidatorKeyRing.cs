using System.Diagnostics.CodeAnalysis;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// The secret keys of the validators this silo hosts. Keys stay in the process: they never go into grain
/// state, messages or logs.
/// </summary>
public interface IValidatorKeyRing
{
    /// <summary>The ids of the validators whose keys this silo holds.</summary>
    IReadOnlyCollection<string> ValidatorIds { get; }

    bool TryGetKey(string validatorId, [NotNullWhen(true)] out SecretKey? key);
}
