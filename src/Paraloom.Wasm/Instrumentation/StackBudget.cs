namespace Paraloom.Wasm.Instrumentation;

/// <summary>
/// The deterministic call-stack budget every admitted module enforces on itself (README, "Stack depth").
/// A frame costs its parameters + declared locals + maximum operand height (as the validator computes them)
/// plus <see cref="FrameOverheadUnits"/>; the frames alive at once may cost at most <see cref="MaxUnits"/>.
/// Changing any number here changes what modules do, so it changes <see cref="InstrumentationVersion"/>.
/// </summary>
public static class StackBudget
{
    /// <summary>Identifies this instrumentation (the numbers below and the code it inserts) in execution profiles.</summary>
    public const int InstrumentationVersion = 1;

    /// <summary>The units all live frames may cost together; one more traps "call stack exhausted".</summary>
    public const int MaxUnits = 256 * 1024;

    /// <summary>
    /// What every frame costs beyond its slots: return address, saved registers and the engine's own frame
    /// state. It also bounds the depth of frames with no slots at all.
    /// </summary>
    public const int FrameOverheadUnits = 8;

    /// <summary>
    /// Native bytes of stack the engine may use per unit: an upper bound with a wide margin over what the
    /// engine uses (about 8 bytes per value slot and 64 bytes of fixed frame, README "Stack depth"). The
    /// native stack given to the engine is <see cref="MaxUnits"/> × this, so its own limit never fires first.
    /// </summary>
    public const int NativeBytesPerUnit = 128;

    /// <summary>The native stack, in bytes, the engine must be allowed for an admitted module to reach its budget.</summary>
    public const int NativeStackBytes = MaxUnits * NativeBytesPerUnit;

    /// <summary>The export through which the host reads and resets the module's current stack height.</summary>
    public const string HeightExport = "paraloom:stack-height";

    /// <summary>The cost in units of one frame of a function with these slots.</summary>
    public static int FrameUnits(int localSlots, int maxOperandHeight) => localSlots + maxOperandHeight + FrameOverheadUnits;
}
