using Paraloom.Privacy;

namespace Paraloom.Compute;

/// <summary>
/// Whether a validator may be selected: it holds a certificate the network authority issued for its own key and the
/// profile it runs, valid at the moment asked about, and its id is the one its key derives.
/// </summary>
public static class ValidatorAdmission
{
    /// <summary>Null when the validator is admitted at <paramref name="at"/>; otherwise why not, in words.</summary>
    public static string? ProblemWith(
        ValidatorCertificate? certificate, string validatorId, PublicKey validatorKey, string profile, PublicKey authority,
        DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(validatorKey);
        ArgumentNullException.ThrowIfNull(authority);
        if (certificate is null) return "it has no certificate from the network authority";
        if (ValidatorIdentity.FromPublicKey(validatorKey) != validatorId) return $"its id is not the one its key derives ({ValidatorIdentity.FromPublicKey(validatorKey)})";
        if (!certificate.ValidatorKey.Equals(validatorKey)) return $"its certificate names another key ({certificate.ValidatorKey})";
        if (certificate.Profile != profile) return $"its certificate admits execution profile '{certificate.Profile}', not the '{profile}' it runs";
        return certificate.ProblemUnder(authority, at) is { } problem ? $"its certificate is not valid: {problem}" : null;
    }
}
