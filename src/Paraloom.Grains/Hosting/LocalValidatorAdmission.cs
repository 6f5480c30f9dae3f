using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// Admits one silo's validators under a network authority this process holds: what localnet, the demo and the test
/// hosts do, being their own network's authority, before they start a silo. Each key slot's key is created where it is
/// missing and certified (<c>validator-1.cert</c> beside it) for the execution profile this build runs, operated by the
/// silo's id: the same files an operator's <c>paraloom validators admit</c> writes, read the same way.
/// </summary>
public static class LocalValidatorAdmission
{
    /// <summary>How long a certificate issued here is valid unless told otherwise.</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromDays(365);

    /// <summary>
    /// Slack before now in a certificate's start, so a silo whose clock is a little behind this process's still
    /// accepts it.
    /// </summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The execution profile this build's validators run, as they advertise and certificates name it.</summary>
    public static string CurrentProfile()
    {
        using var engine = new SandboxEngine();
        return engine.Profile.ToString();
    }

    /// <summary>
    /// The public keys of <paramref name="validators"/>' slots, created in its key directory where missing: what an
    /// operator hands the authority to admit (<c>paraloom validators keys</c>).
    /// </summary>
    public static IReadOnlyList<(string Slot, PublicKey Key)> PublicKeys(LocalValidatorOptions validators)
    {
        ArgumentNullException.ThrowIfNull(validators);
        var directory = validators.KeyDirectory
            ?? throw new ArgumentException("Validator keys are listed from a key directory.", nameof(validators));
        return [.. validators.KeySlots.Select(slot =>
        {
            using var key = LocalValidatorKeyRing.LoadOrCreate(directory, slot);
            return (slot, key.PublicKey);
        })];
    }

    /// <summary>
    /// Creates the missing keys of <paramref name="validators"/>' slots in its key directory and certifies each
    /// under <paramref name="authority"/> where it holds no certificate that admits it now (none, or one of this
    /// authority's that expired or names another profile). A certificate of another authority is the operator's and
    /// is left alone: the registry refuses it.
    /// </summary>
    /// <exception cref="ArgumentException">The validators have no key directory: certificates are kept beside keys.</exception>
    public static IReadOnlyList<ValidatorCertificate> Admit(
        SecretKey authority, LocalValidatorOptions validators, TimeSpan? validity = null, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        ArgumentNullException.ThrowIfNull(validators);
        var directory = validators.KeyDirectory
            ?? throw new ArgumentException("Validators are admitted in a key directory: certificates are kept beside their keys.", nameof(validators));
        var profile = CurrentProfile();
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var certificates = new List<ValidatorCertificate>();
        foreach (var slot in validators.KeySlots)
        {
            using var key = LocalValidatorKeyRing.LoadOrCreate(directory, slot);
            var path = LocalValidatorKeyRing.CertificatePath(directory, slot);
            var held = File.Exists(path) ? ValidatorCertificateFile.Read(path) : null;
            if (held is not null && (!held.Authority.Equals(authority.PublicKey)
                || ValidatorAdmission.ProblemWith(held, ValidatorIdentity.FromPublicKey(key.PublicKey), key.PublicKey, profile, authority.PublicKey, now) is null))
            {
                certificates.Add(held);
                continue;
            }
            var certificate = ValidatorCertificate.Issue(
                authority, key.PublicKey, validators.SiloId, profile, now - ClockSkew, now + (validity ?? DefaultValidity));
            ValidatorCertificateFile.Write(path, certificate);
            certificates.Add(certificate);
        }
        return certificates;
    }
}
