using WasmTrapCode = Paraloom.Wasm.TrapCode;

namespace Paraloom.Compute.Execution;

internal static class TrapCodes
{
    /// <summary>The stable code of a deterministic engine trap (never <see cref="WasmTrapCode.Interrupted"/>).</summary>
    public static TrapCode FromEngine(WasmTrapCode code) => code switch
    {
        WasmTrapCode.Unreachable => TrapCode.Unreachable,
        WasmTrapCode.OutOfFuel => TrapCode.OutOfFuel,
        WasmTrapCode.StackExhausted => TrapCode.CallStackExhausted,
        WasmTrapCode.MemoryOutOfBounds => TrapCode.MemoryOutOfBounds,
        WasmTrapCode.IntegerDivideByZero => TrapCode.IntegerDivideByZero,
        WasmTrapCode.IntegerOverflow => TrapCode.IntegerOverflow,
        WasmTrapCode.InvalidConversionToInteger => TrapCode.InvalidConversionToInteger,
        WasmTrapCode.TableOutOfBounds => TrapCode.TableOutOfBounds,
        WasmTrapCode.IndirectCallTypeMismatch => TrapCode.IndirectCallTypeMismatch,
        WasmTrapCode.IndirectCallToNull => TrapCode.UninitializedElement,
        WasmTrapCode.NullReference => TrapCode.NullReference,
        WasmTrapCode.Interrupted => throw new ArgumentException("An interruption is not a deterministic trap.", nameof(code)),
        _ => TrapCode.Other,
    };
}
