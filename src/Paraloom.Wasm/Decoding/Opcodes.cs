namespace Paraloom.Wasm.Decoding;

/// <summary>Facts about wasm opcodes that the decoder and the compiler share.</summary>
internal static class Opcodes
{
    /// <summary>True for every single-byte opcode (or prefix) of the supported feature set.</summary>
    public static bool IsKnown(byte opcode) => opcode switch
    {
        <= 0x05 => true,
        >= 0x0B and <= 0x11 => true,
        >= 0x1A and <= 0x1C => true,
        >= 0x20 and <= 0x26 => true,
        >= 0x28 and <= 0xC4 => true,
        >= 0xD0 and <= 0xD2 => true,
        0xFC => true,
        _ => false,
    };

    /// <summary>Operand and result types of the numeric operators 0x45..0xC4 (0 = no second operand).</summary>
    public static (ValueType In1, ValueType In2, ValueType Out) Numeric(byte opcode)
    {
        const ValueType none = 0;
        return opcode switch
        {
            0x45 => (ValueType.I32, none, ValueType.I32),
            >= 0x46 and <= 0x4F => (ValueType.I32, ValueType.I32, ValueType.I32),
            0x50 => (ValueType.I64, none, ValueType.I32),
            >= 0x51 and <= 0x5A => (ValueType.I64, ValueType.I64, ValueType.I32),
            >= 0x5B and <= 0x60 => (ValueType.F32, ValueType.F32, ValueType.I32),
            >= 0x61 and <= 0x66 => (ValueType.F64, ValueType.F64, ValueType.I32),
            >= 0x67 and <= 0x69 => (ValueType.I32, none, ValueType.I32),
            >= 0x6A and <= 0x78 => (ValueType.I32, ValueType.I32, ValueType.I32),
            >= 0x79 and <= 0x7B => (ValueType.I64, none, ValueType.I64),
            >= 0x7C and <= 0x8A => (ValueType.I64, ValueType.I64, ValueType.I64),
            >= 0x8B and <= 0x91 => (ValueType.F32, none, ValueType.F32),
            >= 0x92 and <= 0x98 => (ValueType.F32, ValueType.F32, ValueType.F32),
            >= 0x99 and <= 0x9F => (ValueType.F64, none, ValueType.F64),
            >= 0xA0 and <= 0xA6 => (ValueType.F64, ValueType.F64, ValueType.F64),
            0xA7 => (ValueType.I64, none, ValueType.I32),
            0xA8 or 0xA9 => (ValueType.F32, none, ValueType.I32),
            0xAA or 0xAB => (ValueType.F64, none, ValueType.I32),
            0xAC or 0xAD => (ValueType.I32, none, ValueType.I64),
            0xAE or 0xAF => (ValueType.F32, none, ValueType.I64),
            0xB0 or 0xB1 => (ValueType.F64, none, ValueType.I64),
            0xB2 or 0xB3 => (ValueType.I32, none, ValueType.F32),
            0xB4 or 0xB5 => (ValueType.I64, none, ValueType.F32),
            0xB6 => (ValueType.F64, none, ValueType.F32),
            0xB7 or 0xB8 => (ValueType.I32, none, ValueType.F64),
            0xB9 or 0xBA => (ValueType.I64, none, ValueType.F64),
            0xBB => (ValueType.F32, none, ValueType.F64),
            0xBC => (ValueType.F32, none, ValueType.I32),
            0xBD => (ValueType.F64, none, ValueType.I64),
            0xBE => (ValueType.I32, none, ValueType.F32),
            0xBF => (ValueType.I64, none, ValueType.F64),
            0xC0 or 0xC1 => (ValueType.I32, none, ValueType.I32),
            _ => (ValueType.I64, none, ValueType.I64), // 0xC2..0xC4
        };
    }

    /// <summary>Operand and result types of the saturating truncations 0xFC 0..7.</summary>
    public static (ValueType In, ValueType Out) TruncSat(uint sub) => sub switch
    {
        0 or 1 => (ValueType.F32, ValueType.I32),
        2 or 3 => (ValueType.F64, ValueType.I32),
        4 or 5 => (ValueType.F32, ValueType.I64),
        _ => (ValueType.F64, ValueType.I64),
    };

    /// <summary>For loads 0x28..0x35 and stores 0x36..0x3E: the value type and the natural alignment exponent.</summary>
    public static (ValueType Type, int MaxAlign) MemoryAccess(byte opcode) => opcode switch
    {
        0x28 => (ValueType.I32, 2), 0x29 => (ValueType.I64, 3), 0x2A => (ValueType.F32, 2), 0x2B => (ValueType.F64, 3),
        0x2C or 0x2D => (ValueType.I32, 0), 0x2E or 0x2F => (ValueType.I32, 1),
        0x30 or 0x31 => (ValueType.I64, 0), 0x32 or 0x33 => (ValueType.I64, 1), 0x34 or 0x35 => (ValueType.I64, 2),
        0x36 => (ValueType.I32, 2), 0x37 => (ValueType.I64, 3), 0x38 => (ValueType.F32, 2), 0x39 => (ValueType.F64, 3),
        0x3A => (ValueType.I32, 0), 0x3B => (ValueType.I32, 1),
        0x3C => (ValueType.I64, 0), 0x3D => (ValueType.I64, 1), _ => (ValueType.I64, 2), // 0x3E
    };
}
