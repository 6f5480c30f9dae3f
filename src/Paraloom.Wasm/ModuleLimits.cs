namespace Paraloom.Wasm;

/// <summary>
/// Decode-time bounds: a module above any of them is rejected with <see cref="ModuleErrorKind.TooLarge"/>
/// before anything proportional to the claimed size is allocated.
/// </summary>
public sealed record ModuleLimits
{
    public int MaxModuleBytes { get; init; } = 64 * 1024 * 1024;
    public int MaxTypes { get; init; } = 100_000;
    public int MaxFunctions { get; init; } = 100_000;
    public int MaxImports { get; init; } = 100_000;
    public int MaxExports { get; init; } = 100_000;
    public int MaxGlobals { get; init; } = 100_000;
    public int MaxTables { get; init; } = 100;
    public int MaxElementSegments { get; init; } = 100_000;
    public int MaxDataSegments { get; init; } = 100_000;
    public int MaxFunctionParams { get; init; } = 1_000;
    public int MaxFunctionResults { get; init; } = 1_000;
    /// <summary>Declared locals per function, parameters excluded.</summary>
    public int MaxLocals { get; init; } = 50_000;
    public int MaxFunctionBodyBytes { get; init; } = 8 * 1024 * 1024;
    public int MaxNestingDepth { get; init; } = 1_024;
    public int MaxBrTableTargets { get; init; } = 100_000;
    /// <summary>Maximum operand-stack height of one function (values).</summary>
    public int MaxOperandHeight { get; init; } = 100_000;

    public static ModuleLimits Default { get; } = new();
}
