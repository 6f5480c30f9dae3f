using Paraloom.Wasm.Validation;

namespace Paraloom.Wasm.Instrumentation;

/// <summary>
/// The admission gate's NaN canonicalization (README, "NaN bits"): right after each float arithmetic result whose bits
/// something observes (<see cref="FunctionFacts.NaNSites"/>), a NaN is replaced by the positive quiet NaN with an empty
/// payload, the one Cranelift's own canonicalization produces. A body with such sites gets one scratch local per
/// float type it canonicalizes, declared after all others, so no existing local index changes:
/// <code>
/// local.tee s; f64.const nan; local.get s; local.get s; f64.eq; select   ;; x == x ? x : nan
/// </code>
/// </summary>
public static class NaNCanonicalization
{
    /// <summary>Identifies this instrumentation (the sites chosen and the code inserted) in execution profiles.</summary>
    public const int Version = 1;

    /// <summary>Operand slots the inserted code needs above the value it canonicalizes.</summary>
    internal const int ExtraOperandHeight = 3;

    private const uint CanonicalF32 = 0x7FC0_0000;
    private const ulong CanonicalF64 = 0x7FF8_0000_0000_0000;

    /// <summary>The float types whose scratch locals a body needs, in the order they are declared.</summary>
    internal static ValueType[] ScratchTypes(FunctionFacts function) =>
        [.. new[] { ValueType.F32, ValueType.F64 }.Where(t => function.NaNSites.Any(s => s.Type == t))];

    internal static void Write(WasmWriter code, ValueType type, uint scratch)
    {
        code.Byte(0x22); // local.tee s
        code.U32(scratch);
        if (type == ValueType.F32)
        {
            code.Byte(0x43); // f32.const nan
            code.Fixed32(CanonicalF32);
        }
        else
        {
            code.Byte(0x44); // f64.const nan
            code.Fixed64(CanonicalF64);
        }
        code.Byte(0x20); // local.get s
        code.U32(scratch);
        code.Byte(0x20); // local.get s
        code.U32(scratch);
        code.Byte(type == ValueType.F32 ? (byte)0x5B : (byte)0x61); // f32.eq / f64.eq
        code.Byte(0x1B); // select
    }
}
