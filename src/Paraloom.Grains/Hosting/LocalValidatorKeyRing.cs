using System.Diagnostics.CodeAnalysis;
using Paraloom.Privacy;
using Paraloom.Compute;

namespace Paraloom.Grains;

/// <summary>
/// The keys of the validators configured in <see cref="LocalValidatorOptions"/>: one per key slot, read from the key
/// directory (and created there, owner-only, when missing), or generated for this process only. Each validator's id
/// comes from its public key. A slot's certificate, when the network authority admitted it, is beside its key
/// (<c>validator-1.cert</c>, <see cref="ValidatorCertificateFile"/>), read once at start.
/// </summary>
internal sealed class LocalValidatorKeyRing : IValidatorKeyRing, IDisposable
{
    private readonly Dictionary<string, SecretKey> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _idBySlot = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _slotById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ValidatorCertificate> _certificates = new(StringComparer.Ordinal);

    public LocalValidatorKeyRing(LocalValidatorOptions options)
    {
        foreach (var slot in options.KeySlots)
        {
            var key = options.KeyDirectory is { } directory ? LoadOrCreate(directory, slot) : SecretKey.Generate();
            var id = ValidatorIdentity.FromPublicKey(key.PublicKey);
            if (!_keys.TryAdd(id, key))
            {
                throw new InvalidOperationException($"Key slots {_slotById[id]} and {slot} hold the same key: each validator needs its own.");
            }
            _idBySlot.Add(slot, id);
            _slotById.Add(id, slot);
            if (options.KeyDirectory is { } keys && File.Exists(CertificatePath(keys, slot)))
            {
                _certificates.Add(id, ValidatorCertificateFile.Read(CertificatePath(keys, slot)));
            }
        }
    }

    public IReadOnlyCollection<string> ValidatorIds => _keys.Keys;

    public bool TryGetKey(string validatorId, [NotNullWhen(true)] out SecretKey? key) => _keys.TryGetValue(validatorId, out key);

    public ValidatorCertificate? CertificateOf(string validatorId) => _certificates.GetValueOrDefault(validatorId);

    public string? SlotOf(string validatorId) => _slotById.GetValueOrDefault(validatorId);

    public string ValidatorIdOf(string slot) => _idBySlot[slot];

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    /// <summary>Where the certificate of key slot <paramref name="slot"/> is kept.</summary>
    public static string CertificatePath(string directory, string slot) =>
        Path.Combine(directory, slot + ValidatorCertificateFile.Extension);

    /// <summary>The key in <paramref name="slot"/> of <paramref name="directory"/>, created (owner-only) when missing.</summary>
    public static SecretKey LoadOrCreate(string directory, string slot)
    {
        var path = Path.Combine(directory, slot + KeyFile.SecretKeyExtension);
        if (File.Exists(path))
        {
            return KeyFile.ReadSecretKey(path);
        }
        OwnerOnlyFiles.CreateDirectory(directory);
        var key = SecretKey.Generate();
        KeyFile.WriteNew(key, directory, slot);
        return key;
    }
}
