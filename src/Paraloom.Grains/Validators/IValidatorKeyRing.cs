using System.Diagnostics.CodeAnalysis;
using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// The secret keys of the validators this silo hosts, one per key slot (<c>validator-1</c> …). Keys stay in the
/// process: they never go into grain state, messages or logs.
/// </summary>
public interface IValidatorKeyRing
{
    /// <summary>The ids of the validators whose keys this silo holds.</summary>
    IReadOnlyCollection<string> ValidatorIds { get; }

    bool TryGetKey(string validatorId, [NotNullWhen(true)] out SecretKey? key);

    /// <summary>
    /// The network authority's certificate for a validator held here (read beside its key slot), or null: an
    /// uncertified validator is never selected.
    /// </summary>
    ValidatorCertificate? CertificateOf(string validatorId);

    /// <summary>The key slot of a validator held here, or null.</summary>
    string? SlotOf(string validatorId);

    /// <summary>The id of the validator whose key is in <paramref name="slot"/>.</summary>
    /// <exception cref="KeyNotFoundException">This silo has no such slot.</exception>
    string ValidatorIdOf(string slot);
}
