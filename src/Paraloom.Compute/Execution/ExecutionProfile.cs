namespace Paraloom.Compute.Execution;

/// <summary>
/// What a result depends on besides the module and input: the engine and its version, the machine architecture,
/// and a hash of the engine configuration together with the admission instrumentation (its version and stack
/// budget). Validators with equal profiles produce identical results, fuel and trap points; a cohort is chosen
/// within one profile and each vote signs it.
/// </summary>
/// <param name="Engine">The engine's name, e.g. <c>wasmtime</c>.</param>
/// <param name="EngineVersion">The engine's version as its package states it.</param>
/// <param name="Architecture">The process architecture, e.g. <c>x64</c>.</param>
/// <param name="ConfigurationHash">Lower-case hex SHA-256 of the canonical configuration description.</param>
public sealed record ExecutionProfile(string Engine, string EngineVersion, string Architecture, string ConfigurationHash)
{
    /// <summary>One line naming the profile, e.g. <c>wasmtime/50.0.1/x64/3f9a…</c>; equal exactly when the profiles are.</summary>
    public override string ToString() => $"{Engine}/{EngineVersion}/{Architecture}/{ConfigurationHash}";
}
