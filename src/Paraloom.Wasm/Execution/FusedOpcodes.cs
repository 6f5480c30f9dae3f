namespace Paraloom.Wasm.Execution;

/// <summary>
/// The numbering of the super-instructions: each family is a dense run of opcodes, one per wasm
/// operator it fuses, in the order of the lists below (dense so the interpreter's switch stays one jump table).
/// </summary>
internal static class FusedOpcodes
{
    /// <summary>i32 binary operators and comparisons that take part in fusions.</summary>
    public static readonly byte[] I32Binary = [0x6A, 0x6B, 0x6C, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F];

    /// <summary>i64 binary operators and comparisons that take part in fusions.</summary>
    public static readonly byte[] I64Binary = [0x7C, 0x7D, 0x7E, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5A];

    /// <summary>Float operators fused with a local right operand.</summary>
    public static readonly byte[] FloatBinary = [0xA0, 0xA1, 0xA2, 0xA3];

    /// <summary>Comparisons (and i32.eqz) fused with a following br_if.</summary>
    public static readonly byte[] Comparisons = [0x45, 0x46, 0x47, 0x48, 0x49, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F];

    /// <summary>Position of i32.add in <see cref="I32Binary"/>.</summary>
    public const int I32AddIndex = 0;

    /// <summary>Position of the first comparison (i32.eq) in <see cref="I32Binary"/>; the ten comparisons follow in opcode order.</summary>
    public const int I32CompareIndex = 11;

    private static readonly int[] I32Index = IndexOf(I32Binary);
    private static readonly int[] I64Index = IndexOf(I64Binary);
    private static readonly int[] FloatIndex = IndexOf(FloatBinary);
    private static readonly int[] ComparisonIndex = IndexOf(Comparisons);

    /// <summary>The fused opcode for <paramref name="opcode"/> with a constant right operand, or -1.</summary>
    public static int WithConstant(byte opcode) =>
        I32Index[opcode] >= 0 ? Op.WithConstant + I32Index[opcode]
        : I64Index[opcode] >= 0 ? Op.WithConstant + I32Binary.Length + I64Index[opcode] : -1;

    /// <summary>The fused opcode for <paramref name="opcode"/> with a local right operand, or -1.</summary>
    public static int WithLocal(byte opcode) =>
        I32Index[opcode] >= 0 ? Op.WithLocal + I32Index[opcode]
        : I64Index[opcode] >= 0 ? Op.WithLocal + I32Binary.Length + I64Index[opcode]
        : FloatIndex[opcode] >= 0 ? Op.WithLocal + I32Binary.Length + I64Binary.Length + FloatIndex[opcode] : -1;

    /// <summary>The fused opcode for an i32 <paramref name="opcode"/> whose operands are two locals, or -1.</summary>
    public static int WithTwoLocals(byte opcode) => I32Index[opcode] >= 0 ? Op.WithTwoLocals + I32Index[opcode] : -1;

    /// <summary>The fused opcode for an i32 <paramref name="opcode"/> on a local and a constant, or -1.</summary>
    public static int LocalWithConstant(byte opcode) => I32Index[opcode] >= 0 ? Op.LocalWithConstant + I32Index[opcode] : -1;

    /// <summary>The fused opcode for a comparison followed by br_if, or -1.</summary>
    public static int CompareBranch(int opcode) => opcode is >= 0 and < 256 && ComparisonIndex[opcode] >= 0 ? Op.CompareBranch + ComparisonIndex[opcode] : -1;

    /// <summary>The fused opcode for a load (0x28..0x35) from the address in a local.</summary>
    public static int LoadFromLocal(byte opcode) => Op.LoadFromLocal + (opcode - 0x28);

    public static bool IsI32(byte opcode) => I32Index[opcode] >= 0;

    private static int[] IndexOf(byte[] opcodes)
    {
        var index = new int[256];
        Array.Fill(index, -1);
        for (var i = 0; i < opcodes.Length; i++) index[opcodes[i]] = i;
        return index;
    }
}
