using System.Diagnostics.CodeAnalysis;

namespace Paraloom.Wasm;

/// <summary>Execution stopped on a trap. Every trap except <see cref="TrapCode.Interrupted"/> is deterministic.</summary>
public sealed class TrapException : WasmException
{
    public TrapException(TrapCode code) : base(Describe(code)) => Code = code;

    public TrapException(TrapCode code, string message) : base(message) => Code = code;

    public TrapCode Code { get; }

    [DoesNotReturn]
    internal static void Throw(TrapCode code) => throw new TrapException(code);

    public static string Describe(TrapCode code) => code switch
    {
        TrapCode.Unreachable => "unreachable executed",
        TrapCode.MemoryOutOfBounds => "out of bounds memory access",
        TrapCode.TableOutOfBounds => "out of bounds table access",
        TrapCode.IndirectCallToNull => "uninitialized element in indirect call",
        TrapCode.IndirectCallTypeMismatch => "indirect call type mismatch",
        TrapCode.IntegerDivideByZero => "integer divide by zero",
        TrapCode.IntegerOverflow => "integer overflow",
        TrapCode.InvalidConversionToInteger => "invalid conversion to integer",
        TrapCode.NullReference => "null reference",
        TrapCode.OutOfFuel => "all fuel consumed",
        TrapCode.StackExhausted => "call stack exhausted",
        TrapCode.Interrupted => "interrupted: deadline passed or cancelled",
        _ => "trap",
    };
}
