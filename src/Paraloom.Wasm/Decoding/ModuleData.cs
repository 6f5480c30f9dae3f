namespace Paraloom.Wasm.Decoding;

internal readonly record struct Limits(uint Min, uint? Max);

internal sealed record TableType(ValueType ElementType, Limits Limits);

internal sealed record MemoryType(Limits Limits);

internal sealed record GlobalType(ValueType Type, bool Mutable);

internal enum ConstKind : byte { I32, I64, F32, F64, RefNull, RefFunc, GlobalGet }

/// <summary>A decoded constant expression: one constant-producing instruction.</summary>
internal readonly record struct ConstExpr(ConstKind Kind, ulong Bits, uint Index, ValueType Type);

internal sealed record Import(string ModuleName, string Name, ExternKind Kind, uint TypeIndex, TableType? Table, MemoryType? Memory, GlobalType? Global);

internal sealed record Export(string Name, ExternKind Kind, uint Index);

internal sealed record GlobalDefinition(GlobalType Type, ConstExpr Init);

internal enum SegmentMode : byte { Active, Passive, Declarative }

internal sealed record ElementSegment(SegmentMode Mode, uint TableIndex, ConstExpr Offset, ValueType ElementType, ConstExpr[] Items);

internal sealed record DataSegment(SegmentMode Mode, ConstExpr Offset, byte[] Bytes);

/// <summary>Where one function body sits in the module bytes.</summary>
internal readonly record struct FunctionBody(int Start, int End);

/// <summary>The structural content of a module, as decoded and before validation.</summary>
internal sealed class ModuleData
{
    public List<FunctionType> Types { get; } = [];
    public List<Import> Imports { get; } = [];
    public List<uint> FunctionTypeIndices { get; } = [];
    public List<TableType> Tables { get; } = [];
    public List<MemoryType> Memories { get; } = [];
    public List<GlobalDefinition> Globals { get; } = [];
    public List<Export> Exports { get; } = [];
    public uint? Start { get; set; }
    public List<ElementSegment> Elements { get; } = [];
    public uint? DataCount { get; set; }
    public List<FunctionBody> Bodies { get; } = [];
    public List<DataSegment> Data { get; } = [];
}
