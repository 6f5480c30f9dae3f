namespace Paraloom.Wasm;

/// <summary>Why execution trapped.</summary>
public enum TrapCode
{
    Unreachable,
    MemoryOutOfBounds,
    TableOutOfBounds,
    /// <summary>call_indirect reached an uninitialized (null) table element.</summary>
    IndirectCallToNull,
    IndirectCallTypeMismatch,
    IntegerDivideByZero,
    IntegerOverflow,
    InvalidConversionToInteger,
    NullReference,
    OutOfFuel,
    StackExhausted,
    /// <summary>The store's deadline passed or its interrupt token was cancelled.</summary>
    Interrupted,
}
