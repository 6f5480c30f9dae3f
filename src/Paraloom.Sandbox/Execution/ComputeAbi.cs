using Paraloom.Wasm;
using WasmValueType = Paraloom.Wasm.ValueType;

namespace Paraloom.Compute.Execution;

/// <summary>
/// Compute ABI v1 (DESIGN §2): no imports; exports <c>memory</c>, <c>alloc(i32) -> i32</c> and
/// <c>run(i32, i32) -> i64</c> returning <c>(out_ptr &lt;&lt; 32) | out_len</c>.
/// </summary>
internal static class ComputeAbi
{
    public const string MemoryExport = "memory";
    public const string AllocExport = "alloc";
    public const string RunExport = "run";

    public static readonly FunctionType AllocType = new([WasmValueType.I32], [WasmValueType.I32]);
    public static readonly FunctionType RunType = new([WasmValueType.I32, WasmValueType.I32], [WasmValueType.I64]);

    /// <summary>What an admitted module lacks to follow the ABI, judged by its declarations alone.</summary>
    public static AbiErrorKind? Check(AdmittedModule module)
    {
        if (module.Imports.Count > 0)
        {
            return AbiErrorKind.HasImports;
        }
        return CheckExport(module, MemoryExport, ExternKind.Memory, null)
            ?? CheckExport(module, AllocExport, ExternKind.Function, AllocType)
            ?? CheckExport(module, RunExport, ExternKind.Function, RunType);
    }

    public static string Describe(AbiErrorKind kind) => kind switch
    {
        AbiErrorKind.InvalidModule => "the bytes are not a valid WebAssembly module",
        AbiErrorKind.HasImports => "the module imports functions or other items; job modules may import nothing",
        AbiErrorKind.MissingExport => "the module must export 'memory', 'alloc' and 'run'",
        AbiErrorKind.ExportTypeMismatch =>
            "the exports must be a memory 'memory', a function 'alloc(i32) -> i32' and a function 'run(i32, i32) -> i64'",
        AbiErrorKind.InstantiationFailed => "the module cannot be instantiated within the job's limits",
        AbiErrorKind.InputOutOfBounds => "'alloc' returned a region outside linear memory",
        AbiErrorKind.OutputOutOfBounds => "'run' returned a region outside linear memory",
        AbiErrorKind.OutputTooLarge => "the output is larger than the job's output limit",
        _ => kind.ToString(),
    };

    private static AbiErrorKind? CheckExport(AdmittedModule module, string name, ExternKind kind, FunctionType? type) =>
        module.Exports.FirstOrDefault(e => e.Name == name) switch
        {
            null => AbiErrorKind.MissingExport,
            var export when export.Kind != kind || (type is not null && !type.Equals(export.FunctionType)) => AbiErrorKind.ExportTypeMismatch,
            _ => null,
        };
}
