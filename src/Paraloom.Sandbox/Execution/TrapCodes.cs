using Paraloom.Wasm.Instrumentation;
using WasmtimeTrap = Wasmtime.TrapCode;

namespace Paraloom.Compute.Execution;

internal static class TrapCodes
{
    /// <summary>
    /// The stable code of a deterministic Wasmtime trap. An <c>unreachable</c> executed with the instrumented stack
    /// height above the budget is the budget's own trap (see <see cref="StackBudget"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// Wasmtime's native stack limit fired before the deterministic budget: the bound in <see cref="StackBudget"/>
    /// was wrong for this module. That result would differ between machines, so it is no result at all.
    /// </exception>
    public static TrapCode FromWasmtime(WasmtimeTrap code, int stackHeight) => code switch
    {
        WasmtimeTrap.Unreachable when stackHeight > StackBudget.MaxUnits => TrapCode.CallStackExhausted,
        WasmtimeTrap.Unreachable => TrapCode.Unreachable,
        WasmtimeTrap.OutOfFuel => TrapCode.OutOfFuel,
        WasmtimeTrap.MemoryOutOfBounds or WasmtimeTrap.HeapMisaligned => TrapCode.MemoryOutOfBounds,
        WasmtimeTrap.IntegerDivisionByZero => TrapCode.IntegerDivideByZero,
        WasmtimeTrap.IntegerOverflow => TrapCode.IntegerOverflow,
        WasmtimeTrap.BadConversionToInteger => TrapCode.InvalidConversionToInteger,
        WasmtimeTrap.TableOutOfBounds => TrapCode.TableOutOfBounds,
        WasmtimeTrap.BadSignature => TrapCode.IndirectCallTypeMismatch,
        WasmtimeTrap.IndirectCallToNull => TrapCode.UninitializedElement,
        WasmtimeTrap.NullReference => TrapCode.NullReference,
        WasmtimeTrap.StackOverflow => throw new InvalidOperationException(
            $"The engine's native stack limit fired at stack height {stackHeight} units, below the deterministic budget of {StackBudget.MaxUnits}."),
        _ => TrapCode.Other,
    };
}
