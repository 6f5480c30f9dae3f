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
/// without the profile changing. The benchmarks build variants of it (<see cref="With"/>) to measure what each setting costs.
/// </summary>
internal static class SandboxConfiguration
{
    public const string NaNCanonicalizationSetting = "nan-canonicalization";

    /// <summary>The value of <see cref="NaNCanonicalizationSetting"/> under which admitted modules canonicalize NaNs themselves.</summary>
    public const string AdmissionGateNaNs = "admission-gate";

    /// <summary>What the admission gate's canonicalization replaced: Cranelift canonicalizing every float result (the benchmarks and tests compare with it).</summary>
    internal static SandboxSetting CraneliftNaNs =>
        new(NaNCanonicalizationSetting, "cranelift", c => c.WithCraneliftNaNCanonicalization(true));

    /// <summary>No NaN canonicalization at all: NaN bits as the machine makes them (the benchmarks and tests compare with it).</summary>
    internal static SandboxSetting MachineNaNs =>
        new(NaNCanonicalizationSetting, "off", c => c.WithCraneliftNaNCanonicalization(false));

    /// <summary>Every setting, applied in this order. Every proposal the admission gate does not accept is off.</summary>
    public static readonly IReadOnlyList<SandboxSetting> Settings =
    [
        new SandboxSetting("fuel", "on", c => c.WithFuelConsumption(true)),
        new SandboxSetting("epoch-interruption", "on", c => c.WithEpochInterruption(true)),
        // The admission gate canonicalizes only the NaNs whose bits can be observed (NaNCanonicalization), so Cranelift's
        // canonicalization of every float result is off: outputs are the same, the code is faster.
        new SandboxSetting(NaNCanonicalizationSetting, AdmissionGateNaNs, c => c.WithCraneliftNaNCanonicalization(false)),
        new SandboxSetting("optimization", "speed", c => c.WithOptimizationLevel(OptimizationLevel.Speed)),
        new SandboxSetting("parallel-compilation", "off", c => c.WithParallelCompilation(false)),
        new SandboxSetting("async-stack-size", StackBudget.NativeStackBytes.ToString(CultureInfo.InvariantCulture), c => c.WithAsyncStackSize(StackBudget.NativeStackBytes)),
        new SandboxSetting("max-wasm-stack", StackBudget.NativeStackBytes.ToString(CultureInfo.InvariantCulture), c => c.WithMaximumStackSize(StackBudget.NativeStackBytes)),
        new SandboxSetting("bulk-memory", "on", c => c.WithBulkMemory(true)),
        new SandboxSetting("reference-types", "on", c => c.WithReferenceTypes(true)),
        new SandboxSetting("multi-value", "on", c => c.WithMultiValue(true)),
        new SandboxSetting("simd", "off", c => c.WithSIMD(false)),
        new SandboxSetting("relaxed-simd", "off", c => c.WithRelaxedSIMD(false, false)),
        new SandboxSetting("threads", "off", c => c.WithWasmThreads(false)),
        new SandboxSetting("multi-memory", "off", c => c.WithMultiMemory(false)),
        new SandboxSetting("memory64", "off", c => c.WithMemory64(false)),
        new SandboxSetting("tail-calls", "off", c => c.WithTailCalls(false)),
        new SandboxSetting("function-references", "off", c => c.WithFunctionReferences(false)),
        new SandboxSetting("gc", "off", c => c.WithGc(false)),
        new SandboxSetting("exceptions", "off", c => c.WithExceptions(false)),
        new SandboxSetting("wide-arithmetic", "off", c => c.WithWideArithmetic(false)),
        new SandboxSetting("component-model", "off", c => c.WithComponentModel(false)),
        InstancePool.Setting,
    ];

    /// <summary>What the instrumentation does to every module, hashed with the settings.</summary>
    private static string Instrumentation(IReadOnlyList<SandboxSetting> settings) =>
        $"stack-height/v{StackBudget.InstrumentationVersion}/max-units={StackBudget.MaxUnits}/overhead={StackBudget.FrameOverheadUnits}"
        + (CanonicalizesNaNsAtAdmission(settings) ? $";nan-canonicalization/v{NaNCanonicalization.Version}" : "");

    /// <summary>Whether modules run under these settings are admitted with the gate's NaN canonicalization.</summary>
    public static bool CanonicalizesNaNsAtAdmission(IReadOnlyList<SandboxSetting> settings) =>
        settings.Any(s => s.Name == NaNCanonicalizationSetting && s.Value == AdmissionGateNaNs);

    public static Config Create(IReadOnlyList<SandboxSetting> settings) =>
        settings.Aggregate(new Config(), (config, setting) => setting.Apply(config));

    /// <summary>The settings with each replacement in place of the setting of its name (appended when there is none).</summary>
    public static IReadOnlyList<SandboxSetting> With(params SandboxSetting[] replacements) =>
        [
            .. Settings.Select(s => replacements.FirstOrDefault(r => r.Name == s.Name) ?? s),
            .. replacements.Where(r => Settings.All(s => s.Name != r.Name)),
        ];

    public static ExecutionProfile Profile { get; } = ProfileOf(Settings);

    public static ExecutionProfile ProfileOf(IReadOnlyList<SandboxSetting> settings)
    {
        var version = typeof(Engine).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(Engine).Assembly.GetName().Version!.ToString();
        version = version.Split('+')[0];
        var architecture = RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
        var description = new StringBuilder($"engine=wasmtime\nversion={version}\narchitecture={architecture}\n");
        foreach (var setting in settings)
        {
            description.Append(setting.Name).Append('=').Append(setting.Value).Append('\n');
        }
        description.Append("instrumentation=").Append(Instrumentation(settings)).Append('\n');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(description.ToString())));
        return new ExecutionProfile("wasmtime", version, architecture, hash);
    }
}
