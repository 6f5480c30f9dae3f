using System.Security.Cryptography;

namespace Paraloom.Wasm;

/// <summary>
/// Shared, thread-safe compilation environment. Holds the configuration, the canonical function
/// type ids and a cache of compiled modules keyed by the SHA-256 of their bytes.
/// </summary>
public sealed class Engine
{
    private readonly Dictionary<FunctionType, int> _typeIds = new();
    private readonly Lock _typeLock = new();
    private readonly ModuleCache _cache;

    public Engine(EngineConfig? config = null)
    {
        Config = config ?? new EngineConfig();
        if (Config.ModuleCacheCapacity < 0) throw new ArgumentOutOfRangeException(nameof(config), "ModuleCacheCapacity must not be negative");
        _cache = new ModuleCache(Config.ModuleCacheCapacity);
    }

    public EngineConfig Config { get; }

    /// <summary>Returns the compiled module for <paramref name="wasm"/>, compiling it only if identical bytes are not cached.</summary>
    /// <exception cref="ModuleException">The bytes are malformed, invalid or over the module limits.</exception>
    public Module LoadModule(ReadOnlySpan<byte> wasm)
    {
        var sha256 = SHA256.HashData(wasm);
        var key = Convert.ToHexString(sha256);
        if (_cache.TryGet(key, out var cached)) return cached;
        var module = Module.Compile(this, wasm, sha256);
        _cache.Add(key, module);
        return module;
    }

    /// <summary>A process-wide small integer per distinct function type, so signature checks are one comparison.</summary>
    internal int InternType(FunctionType type)
    {
        lock (_typeLock)
        {
            if (!_typeIds.TryGetValue(type, out var id))
            {
                id = _typeIds.Count;
                _typeIds.Add(type, id);
            }
            return id;
        }
    }
}
