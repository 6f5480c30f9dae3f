using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Compute.Execution;

/// <summary>
/// A bounded on-disk cache of compiled modules, so a restarted silo need not compile again. Wasmtime trusts a
/// serialized module blindly (one flipped byte was accepted), so every artifact is authenticated: an
/// HMAC-SHA-256 over (profile, instrumented module hash, artifact) is kept in a file of its own, with a key that
/// lives apart from the artifacts (<c>cache.key</c> at the root, created once with owner-only access). An entry is
/// loaded only under the profile it was written for (one folder per profile, and the profile is under the MAC);
/// one that fails its check is deleted. Thread-safe; entries beyond <see cref="MaxEntries"/> are evicted oldest first.
/// </summary>
public sealed class SerializedModuleStore
{
    private const string ArtifactExtension = ".cwasm";
    private const string MacExtension = ".mac";

    private readonly byte[] _key;
    private readonly string _root;
    private readonly Lock _lock = new();

    /// <param name="directory">The cache's folder, e.g. under the silo's data directory; created if missing.</param>
    /// <param name="maxEntries">Artifacts kept per profile (default 256).</param>
    public SerializedModuleStore(string directory, int maxEntries = 256)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxEntries);
        _root = Directory.CreateDirectory(directory).FullName;
        MaxEntries = maxEntries;
        _key = LoadOrCreateKey(Path.Combine(_root, "cache.key"));
    }

    public int MaxEntries { get; }

    /// <summary>The module stored for (profile, instrumented hash), if there is one whose MAC holds.</summary>
    public Wasmtime.Module? TryLoad(Wasmtime.Engine engine, ExecutionProfile profile, ReadOnlySpan<byte> instrumentedSha256)
    {
        var (artifactPath, macPath) = Paths(profile, instrumentedSha256);
        lock (_lock)
        {
            if (!File.Exists(artifactPath) || !File.Exists(macPath)) return null;
            var artifact = File.ReadAllBytes(artifactPath);
            var mac = File.ReadAllBytes(macPath);
            if (!CryptographicOperations.FixedTimeEquals(mac, Mac(profile, instrumentedSha256, artifact)))
            {
                File.Delete(artifactPath);
                File.Delete(macPath);
                return null;
            }
            File.SetLastWriteTimeUtc(artifactPath, DateTime.UtcNow);
            return Wasmtime.Module.Deserialize(engine, "job", artifact);
        }
    }

    /// <summary>Stores a compiled module for (profile, instrumented hash) and evicts the oldest entries beyond the bound.</summary>
    public void Save(ExecutionProfile profile, ReadOnlySpan<byte> instrumentedSha256, Wasmtime.Module module)
    {
        var artifact = module.Serialize();
        var (artifactPath, macPath) = Paths(profile, instrumentedSha256);
        var mac = Mac(profile, instrumentedSha256, artifact);
        lock (_lock)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(artifactPath)!);
            WriteAtomically(artifactPath, artifact);
            WriteAtomically(macPath, mac);
            Evict(Path.GetDirectoryName(artifactPath)!);
        }
    }

    private (string Artifact, string Mac) Paths(ExecutionProfile profile, ReadOnlySpan<byte> instrumentedSha256)
    {
        var folder = Path.Combine(_root, profile.ConfigurationHash[..32] + "-" + profile.Architecture + "-" + profile.EngineVersion);
        var name = Convert.ToHexStringLower(instrumentedSha256);
        return (Path.Combine(folder, name + ArtifactExtension), Path.Combine(folder, name + MacExtension));
    }

    private byte[] Mac(ExecutionProfile profile, ReadOnlySpan<byte> instrumentedSha256, byte[] artifact)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        var label = Encoding.UTF8.GetBytes("paraloom/compiled-module/v1\n" + profile + "\n");
        hmac.AppendData(label);
        hmac.AppendData(instrumentedSha256);
        hmac.AppendData(artifact);
        return hmac.GetHashAndReset();
    }

    private void Evict(string folder)
    {
        var artifacts = new DirectoryInfo(folder).GetFiles("*" + ArtifactExtension).OrderByDescending(f => f.LastWriteTimeUtc).ToList();
        foreach (var stale in artifacts.Skip(MaxEntries))
        {
            stale.Delete();
            File.Delete(Path.ChangeExtension(stale.FullName, MacExtension));
        }
    }

    private static void WriteAtomically(string path, byte[] bytes)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, bytes);
        File.Move(temporary, path, overwrite: true);
    }

    private static byte[] LoadOrCreateKey(string path)
    {
        if (File.Exists(path))
        {
            var existing = File.ReadAllBytes(path);
            return existing.Length == 32 ? existing : throw new InvalidDataException($"The compiled-module cache key {path} is not 32 bytes.");
        }
        var key = RandomNumberGenerator.GetBytes(32);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(path, options))
        {
            stream.Write(key);
        }
        return key;
    }
}
