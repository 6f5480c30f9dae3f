using Paraloom.Compute.Execution;
using Wasmtime;

namespace Paraloom.Benchmarks.Corpus;

/// <summary>
/// The validators' sandbox configuration with one determinism or safety setting changed (or several, for "bare"),
/// and whether modules run with the admission gate's stack instrumentation.
/// </summary>
internal sealed record AblationVariant(string Name, IReadOnlyList<SandboxSetting> Settings, bool Instrumented)
{
    public static IReadOnlyList<AblationVariant> All { get; } =
    [
        new("production", SandboxConfiguration.Settings, true),
        new("no fuel", SandboxConfiguration.With(FuelOff), true),
        new("no epoch", SandboxConfiguration.With(EpochOff), true),
        new("Cranelift NaN", SandboxConfiguration.With(SandboxConfiguration.CraneliftNaNs), true),
        new("no NaN canon", SandboxConfiguration.With(NaNOff), true),
        // Without the admission gate's instrumentation, NaNs are canonicalized by Cranelift, so only the stack budget is missing.
        new("no stack instr", SandboxConfiguration.With(SandboxConfiguration.CraneliftNaNs), false),
        // The pooling allocator needs a reservation as large as its slots' memory, so this one allocates on demand.
        new("bounds checks", SandboxConfiguration.With(InstancePool.OnDemand, new SandboxSetting("memory-reservation", "0/guard=0",
            c => c.WithStaticMemoryMaximumSize(0).WithMemoryGuardSize(0))), true),
        new("opt none", SandboxConfiguration.With(new SandboxSetting("optimization", "none", c => c.WithOptimizationLevel(OptimizationLevel.None))), true),
        new("opt speed+size", SandboxConfiguration.With(new SandboxSetting("optimization", "speed-and-size",
            c => c.WithOptimizationLevel(OptimizationLevel.SpeedAndSize))), true),
        new("on-demand", SandboxConfiguration.With(InstancePool.OnDemand), true),
        new("bare", SandboxConfiguration.With(FuelOff, EpochOff, NaNOff), false),
    ];

    private static SandboxSetting FuelOff => new("fuel", "off", c => c.WithFuelConsumption(false));

    private static SandboxSetting EpochOff => new("epoch-interruption", "off", c => c.WithEpochInterruption(false));

    private static SandboxSetting NaNOff => SandboxConfiguration.MachineNaNs;

    public bool Has(string name, string value) => Settings.Any(s => s.Name == name && s.Value == value);

    /// <summary>A store as <see cref="SandboxStore"/> sets it up, for what this variant's engine supports.</summary>
    public Store NewStore(SandboxEngine engine)
    {
        var store = new Store(engine.Wasmtime);
        if (Has("fuel", "on")) store.Fuel = ulong.MaxValue / 2;
        if (Has("epoch-interruption", "on"))
        {
            var deadline = DateTime.UtcNow.AddHours(1);
            store.SetEpochDeadline(1);
            store.SetEpochDeadlineCallback(_ => DateTime.UtcNow < deadline ? 1UL : throw new TimeoutException());
        }
        store.SetLimits(memorySize: 1L << 30, tableElements: SandboxStore.MaxTableElements, instances: 1, tables: 100, memories: 1);
        return store;
    }

    public Module Compile(SandboxEngine engine, byte[] wasm) =>
        Instrumented ? engine.Compile(engine.Admit(wasm)) : Module.FromBytes(engine.Wasmtime, "job", wasm);
}
