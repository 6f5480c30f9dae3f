namespace Paraloom.Wasm;

/// <summary>The type of a WebAssembly value. The numeric values are the binary-format encodings.</summary>
/// <remarks>Outside this namespace the name can clash with <see cref="System.ValueType"/>; qualify it or alias it.</remarks>
public enum ValueType : byte
{
    I32 = 0x7F,
    I64 = 0x7E,
    F32 = 0x7D,
    F64 = 0x7C,
    FuncRef = 0x70,
    ExternRef = 0x6F,
}

internal static class ValueTypes
{
    public static bool IsReference(this ValueType type) => type is ValueType.FuncRef or ValueType.ExternRef;

    public static bool IsDefined(byte encoding) => encoding is 0x7F or 0x7E or 0x7D or 0x7C or 0x70 or 0x6F;

    public static string Name(this ValueType type) => type switch
    {
        ValueType.I32 => "i32",
        ValueType.I64 => "i64",
        ValueType.F32 => "f32",
        ValueType.F64 => "f64",
        ValueType.FuncRef => "funcref",
        ValueType.ExternRef => "externref",
        _ => "unknown",
    };
}
