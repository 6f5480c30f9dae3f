using System.Diagnostics.CodeAnalysis;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// The keys of the validators configured in <see cref="LocalValidatorOptions"/>: read from the key directory
/// (and created there when missing), or generated for this process only.
/// </summary>
internal sealed class LocalValidatorKeyRing : IValidatorKeyRing, IDisposable
{
    private readonly Dictionary<string, SecretKey> _keys = new(StringComparer.Ordinal);

    public LocalValidatorKeyRing(LocalValidatorOptions options)
    {
        foreach (var id in options.ValidatorIds)
        {
            _keys.Add(id, options.KeyDirectory is { } directory ? LoadOrCreate(directory, id) : SecretKey.Generate());
        }
    }

    public IReadOnlyCollection<string> ValidatorIds => _keys.Keys;

    public bool TryGetKey(string validatorId, [NotNullWhen(true)] out SecretKey? key) => _keys.TryGetValue(validatorId, out key);

    public void Dispose()
    {
        foreach (var key in _keys.Values)
        {
            key.Dispose();
        }
    }

    private static SecretKey LoadOrCreate(string directory, string id)
    {
        var path = Path.Combine(directory, id + KeyFile.SecretKeyExtension);
        if (File.Exists(path))
        {
            return KeyFile.ReadSecretKey(path);
        }
        OwnerOnlyFiles.CreateDirectory(directory);
        var key = SecretKey.Generate();
        KeyFile.WriteNew(key, directory, id);
        return key;
    }
}
