namespace Paraloom.Wasm.Validation;

/// <summary>
/// Where the NaN canonicalization must go. Only float arithmetic can produce a NaN whose bits differ between machines,
/// and those bits only matter once something reads them: a store, a reinterpretation, neg/abs/copysign, a local, a
/// global, a call, a branch or a block's result. Arithmetic, comparisons and truncations that consume such a value
/// give the same result for every NaN. So each operand-stack slot remembers the arithmetic instruction that pushed it,
/// and when any other instruction pops it, that producer is marked: the instrumentation canonicalizes right after it.
/// A value is then canonical exactly where the bits of a canonicalize-every-result engine would be seen, which is why
/// outputs are the same as with Cranelift's own canonicalization.
/// </summary>
internal sealed partial class FunctionValidator
{
    /// <summary>No arithmetic producer: the value's bits are already the same everywhere.</summary>
    private const int Canonical = -1;

    private readonly List<int> _producers = new(16);
    private readonly Dictionary<int, ValueType> _nanSites = [];

    /// <summary>True while the current instruction reads its operands without looking at NaN bits.</summary>
    private bool _ignoresNaNBits;

    /// <summary>Float arithmetic whose NaN results carry machine-dependent sign and payload.</summary>
    private static bool IsFloatArithmetic(byte opcode) => opcode switch
    {
        >= 0x8D and <= 0x97 => true, // f32 ceil floor trunc nearest sqrt add sub mul div min max
        >= 0x9B and <= 0xA5 => true, // the same for f64
        0xB6 or 0xBB => true, // f32.demote_f64, f64.promote_f32
        _ => false,
    };

    /// <summary>Numeric instructions whose result is the same for every NaN operand: arithmetic, comparisons, truncations.</summary>
    private static bool IgnoresNaNBits(byte opcode) => IsFloatArithmetic(opcode) || opcode switch
    {
        >= 0x5B and <= 0x66 => true, // f32 and f64 comparisons
        >= 0xA8 and <= 0xAB => true, // i32.trunc_f32/f64 (trap on any NaN)
        >= 0xAE and <= 0xB1 => true, // i64.trunc_f32/f64
        _ => false,
    };

    /// <summary>Marks the producer of a popped value when the popping instruction can observe NaN bits.</summary>
    private void Observed(int producer, ValueType type)
    {
        if (producer != Canonical && !_ignoresNaNBits) _nanSites[producer] = type;
    }

    /// <summary>Pushes the result of a float arithmetic instruction that ends at <paramref name="end"/>.</summary>
    private void PushArithmetic(ValueType type, int end)
    {
        Push(type);
        _producers[^1] = end;
    }

    private NaNSite[] NaNSites() => [.. _nanSites.OrderBy(s => s.Key).Select(s => new NaNSite(s.Key, s.Value))];
}
