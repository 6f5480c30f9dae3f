using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Paraloom.Wasm.Instrumentation;
using Wasmtime;

namespace Paraloom.Compute.Execution;

/// <summary>
/// The one Wasmtime configuration validators run with (DESIGN §2), kept as data so the same list both
/// configures the engine and is hashed into the <see cref="ExecutionProfile"/>: a setting cannot change
/// without the profile changing.
/// </summary>
internal static class SandboxConfiguration
{
    private sealed record Setting(string Name, string Value, Func<Config, Config> Apply);

    /// <summary>Every setting, applied in this order. Every proposal the admission gate does not accept is off.</summary>
    private static readonly Setting[] Settings =
    [
        new("fuel", "on", c => c.WithFuelConsumption(true)),
        new("epoch-interruption", "on", c => c.WithEpochInterruption(true)),
        new("cranelift-nan-canonicalization", "on", c => c.WithCraneliftNaNCanonicalization(true)),
        new("optimization", "speed", c => c.WithOptimizationLevel(OptimizationLevel.Speed)),
        new("parallel-compilation", "off", c => c.WithParallelCompilation(false)),
        new("async-stack-size", StackBudget.NativeStackBytes.ToString(CultureInfo.InvariantCulture), c => c.WithAsyncStackSize(StackBudget.NativeStackBytes)),
        new("max-wasm-stack", StackBudget.NativeStackBytes.ToString(CultureInfo.InvariantCulture), c => c.WithMaximumStackSize(StackBudget.NativeStackBytes)),
        new("bulk-memory", "on", c => c.WithBulkMemory(true)),
        new("reference-types", "on", c => c.WithReferenceTypes(true)),
        new("multi-value", "on", c => c.WithMultiValue(true)),
        new("simd", "off", c => c.WithSIMD(false)),
        new("relaxed-simd", "off", c => c.WithRelaxedSIMD(false, false)),
        new("threads", "off", c => c.WithWasmThreads(false)),
        new("multi-memory", "off", c => c.WithMultiMemory(false)),
        new("memory64", "off", c => c.WithMemory64(false)),
        new("tail-calls", "off", c => c.WithTailCalls(false)),
        new("function-references", "off", c => c.WithFunctionReferences(false)),
        new("gc", "off", c => c.WithGc(false)),
        new("exceptions", "off", c => c.WithExceptions(false)),
        new("wide-arithmetic", "off", c => c.WithWideArithmetic(false)),
        new("component-model", "off", c => c.WithComponentModel(false)),
    ];

    /// <summary>What the instrumentation does to every module, hashed with the settings.</summary>
    private static readonly string Instrumentation =
        $"stack-height/v{StackBudget.InstrumentationVersion}/max-units={StackBudget.MaxUnits}/overhead={StackBudget.FrameOverheadUnits}";

    public static Config Create() => Settings.Aggregate(new Config(), (config, setting) => setting.Apply(config));

    public static ExecutionProfile Profile { get; } = CreateProfile();

    private static ExecutionProfile CreateProfile()
    {
        var version = typeof(Engine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(Engine).Assembly.GetName().Version!.ToString();
        version = version.Split('+')[0];
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var description = new StringBuilder($"engine=wasmtime\nversion={version}\narchitecture={architecture}\n");
        foreach (var setting in Settings)
        {
            description.Append(setting.Name).Append('=').Append(setting.Value).Append('\n');
        }
        description.Append("instrumentation=").Append(Instrumentation).Append('\n');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description.ToString())));
        return new ExecutionProfile("wasmtime", version, architecture, hash);
    }
}
