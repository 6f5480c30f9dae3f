namespace Paraloom.Wasm;

/// <summary>The kind of an import or export; the numeric values are the binary-format encodings.</summary>
public enum ExternKind : byte
{
    Function = 0,
    Table = 1,
    Memory = 2,
    Global = 3,
}
