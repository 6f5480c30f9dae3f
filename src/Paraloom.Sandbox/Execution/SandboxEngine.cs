using Paraloom.Wasm;

namespace Paraloom.Compute.Execution;

/// <summary>
/// The process's one Wasmtime engine in the determinism configuration (<see cref="SandboxConfiguration"/>), the
/// admission gate in front of it, and a bounded cache of compiled modules. A timer advances the engine's epoch
/// every <see cref="EpochTick"/>, which is how running code notices its wall-clock deadline without any thread
/// being killed. Thread-safe; shared by the executor and job admission.
/// </summary>
public sealed class SandboxEngine : IDisposable
{
    /// <summary>How often the epoch advances: the granularity of wall-clock deadlines.</summary>
    public static readonly TimeSpan EpochTick = TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// What a job module may be. Size and function count are bounded far below the decoder's defaults because
    /// compilation time grows with them, cannot be interrupted and is spent before fuel counts anything: 7.8 MiB of
    /// straight-line code took Wasmtime 36 s to compile, 2 MiB 13 s (on 2 cores under a load average above 20).
    /// </summary>
    public static readonly ModuleLimits JobModuleLimits = new()
    {
        MaxModuleBytes = 1024 * 1024,
        MaxFunctions = 10_000,
        MaxFunctionBodyBytes = 256 * 1024,
    };

    private readonly Timer _epochTimer;
    private readonly BoundedCache<Wasmtime.Module> _cache;
    private readonly BoundedCache<AdmittedModule> _admitted;
    private readonly SerializedModuleStore? _disk;
    private readonly bool _canonicalizeNaNs;
    private readonly SemaphoreSlim? _poolSlots;

    /// <param name="moduleLimits">The admission limits (default <see cref="JobModuleLimits"/>).</param>
    /// <param name="compiledModuleCapacity">Compiled modules, and admission results, kept in memory (default 64 of each).</param>
    /// <param name="diskCache">Where compiled modules are kept across restarts (e.g. under the silo's data directory); none by default.</param>
    public SandboxEngine(ModuleLimits? moduleLimits = null, int compiledModuleCapacity = 64, SerializedModuleStore? diskCache = null)
        : this(SandboxConfiguration.Settings, moduleLimits, compiledModuleCapacity, diskCache)
    {
    }

    /// <summary>An engine in another configuration than validators run (the benchmarks' ablation), with its own profile.</summary>
    internal SandboxEngine(IReadOnlyList<SandboxSetting> settings, ModuleLimits? moduleLimits = null, int compiledModuleCapacity = 64,
        SerializedModuleStore? diskCache = null)
    {
        _disk = diskCache;
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(compiledModuleCapacity);
        ModuleLimits = moduleLimits ?? JobModuleLimits;
        Profile = SandboxConfiguration.ProfileOf(settings);
        _canonicalizeNaNs = SandboxConfiguration.CanonicalizesNaNsAtAdmission(settings);
        _poolSlots = InstancePool.IsPooled(settings) ? new SemaphoreSlim(InstancePool.Slots, InstancePool.Slots) : null;
        using var config = SandboxConfiguration.Create(settings);
        Wasmtime = new Wasmtime.Engine(config);
        _cache = new BoundedCache<Wasmtime.Module>(compiledModuleCapacity);
        _admitted = new BoundedCache<AdmittedModule>(compiledModuleCapacity);
        _epochTimer = StartEpochTicker(Wasmtime);
    }

    /// <summary>
    /// An engine for stores that hold many instances (spec scripts, `paraloom wasm wast`): the validators' configuration
    /// on the on-demand allocator, so the same code, under a profile of its own.
    /// </summary>
    public static SandboxEngine ForScripts(ModuleLimits? moduleLimits = null) =>
        new(SandboxConfiguration.With(InstancePool.OnDemand), moduleLimits);

    /// <summary>What results of this engine depend on besides module and input.</summary>
    public ExecutionProfile Profile { get; }

    public ModuleLimits ModuleLimits { get; }

    internal Wasmtime.Engine Wasmtime { get; }

    /// <summary>Runs the admission gate: decode, validate within <see cref="ModuleLimits"/>, instrument as this engine's configuration needs.</summary>
    /// <exception cref="ModuleException">The module may not run here.</exception>
    public AdmittedModule Admit(ReadOnlySpan<byte> wasm) => ModuleAdmission.Admit(wasm, ModuleLimits, _canonicalizeNaNs);

    /// <summary>
    /// <see cref="Admit"/> done once per module: the admission result (decode, validate, instrument, hash) is kept by
    /// the SHA-256 of the submitted bytes, so an execution of a module seen before only hashes it. A module the gate
    /// refuses is not kept and is refused again each time.
    /// </summary>
    /// <exception cref="ModuleException">The module may not run here.</exception>
    public AdmittedModule AdmitOnce(ReadOnlyMemory<byte> wasm)
    {
        Span<byte> sha256 = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(wasm.Span, sha256);
        return _admitted.GetOrAdd(ModuleHash.Of(sha256), () => Admit(wasm.Span));
    }

    /// <summary>
    /// The compiled form of an admitted module: from the in-memory cache, else from the disk cache (if any) when its
    /// entry authenticates, else compiled on the calling thread (and saved to disk).
    /// </summary>
    public Wasmtime.Module Compile(AdmittedModule module) =>
        _cache.GetOrAdd(ModuleHash.Of(module.InstrumentedSha256), () =>
        {
            if (_disk?.TryLoad(Wasmtime, Profile, module.InstrumentedSha256) is { } stored) return stored;
            var compiled = global::Wasmtime.Module.FromBytes(Wasmtime, "job", module.InstrumentedBytes.Span);
            _disk?.Save(Profile, module.InstrumentedSha256, compiled);
            return compiled;
        });

    /// <summary>
    /// Takes the pool slot a store needs, waiting while <see cref="InstancePool.Slots"/> other stores hold one; nothing
    /// on the on-demand allocator. Dispose the result, after the store, to give it back.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A store of more than one instance on the pooling allocator.</exception>
    internal PoolReservation ReservePoolSlot(long instances)
    {
        if (_poolSlots is null) return default;
        if (instances != 1)
        {
            throw new ArgumentOutOfRangeException(nameof(instances), instances,
                "A store on the pooling allocator holds one instance; stores of many use SandboxEngine.ForScripts().");
        }
        _poolSlots.Wait();
        return new PoolReservation(_poolSlots);
    }

    public void Dispose()
    {
        _epochTimer.Dispose();
    }

    // The ticker holds the engine weakly: an engine nobody disposed (an executor's own) stops ticking once collected.
    private static Timer StartEpochTicker(Wasmtime.Engine engine)
    {
        var target = new WeakReference<Wasmtime.Engine>(engine);
        Timer? timer = null;
        timer = new Timer(_ =>
        {
            if (target.TryGetTarget(out var live)) live.IncrementEpoch();
            else timer?.Dispose();
        }, null, EpochTick, EpochTick);
        return timer;
    }
}
