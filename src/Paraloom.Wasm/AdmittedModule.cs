namespace Paraloom.Wasm;

/// <summary>
/// A module that passed the admission gate: decoded, validated within <see cref="ModuleLimits"/>, and
/// instrumented to count its stack height (<see cref="Instrumentation.StackBudget"/>) and, unless the engine does it,
/// to canonicalize observable NaNs (<see cref="Instrumentation.NaNCanonicalization"/>). Immutable.
/// </summary>
public sealed class AdmittedModule
{
    private readonly byte[] _instrumented;
    private readonly byte[] _sha256;
    private readonly byte[] _instrumentedSha256;

    internal AdmittedModule(
        byte[] instrumented, byte[] sha256, IReadOnlyList<ImportDescriptor> imports, IReadOnlyList<ExportDescriptor> exports)
    {
        _instrumented = instrumented;
        _sha256 = sha256;
        _instrumentedSha256 = System.Security.Cryptography.SHA256.HashData(instrumented);
        Imports = imports;
        Exports = exports;
    }

    /// <summary>The imports the original module declares.</summary>
    public IReadOnlyList<ImportDescriptor> Imports { get; }

    /// <summary>The exports the original module declares (the instrumentation's own export is not among them).</summary>
    public IReadOnlyList<ExportDescriptor> Exports { get; }

    /// <summary>SHA-256 of the bytes as submitted: the job's module hash.</summary>
    public ReadOnlySpan<byte> Sha256 => _sha256;

    /// <summary>The instrumented module: what the engine compiles and runs.</summary>
    public ReadOnlyMemory<byte> InstrumentedBytes => _instrumented;

    /// <summary>SHA-256 of <see cref="InstrumentedBytes"/>: the module part of a compiled-code cache key.</summary>
    public ReadOnlySpan<byte> InstrumentedSha256 => _instrumentedSha256;
}
