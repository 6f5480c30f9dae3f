namespace Paraloom.Compute.Execution;

/// <summary>
/// Deterministic traps. The engine's own trap kinds map onto these stable codes, so the result digest does
/// not change when the engine's enum does. The numeric values are part of the digest: never renumber.
/// </summary>
public enum TrapCode : uint
{
    Unreachable = 1,
    OutOfFuel = 2,
    CallStackExhausted = 3,
    MemoryOutOfBounds = 4,
    IntegerDivideByZero = 5,
    IntegerOverflow = 6,
    InvalidConversionToInteger = 7,
    TableOutOfBounds = 8,
    IndirectCallTypeMismatch = 9,
    UninitializedElement = 10,
    NullReference = 11,

    /// <summary>A trap kind this version does not name; still deterministic for one engine version.</summary>
    Other = 255,
}
