using Paraloom.Wasm.Decoding;

namespace Paraloom.Wasm.Validation;

/// <summary>The index spaces a function body is validated against (imports first, then definitions).</summary>
internal sealed class ModuleContext
{
    public required FunctionType[] Types { get; init; }
    public required uint[] FunctionTypeIndices { get; init; }
    public required ValueType[] TableTypes { get; init; }
    public required bool HasMemory { get; init; }
    public required GlobalType[] Globals { get; init; }
    public required ValueType[] ElementTypes { get; init; }
    public required uint? DataCount { get; init; }
    public required int DataSegmentCount { get; init; }
    public required bool[] DeclaredReferences { get; init; }

    public FunctionType FunctionTypeOf(uint function) => Types[FunctionTypeIndices[function]];
}
