namespace Paraloom.Wasm;

/// <summary>How an engine runs wasm functions. Both tiers have identical results, traps, fuel and stack limits.</summary>
public enum ExecutionTier
{
    /// <summary>The interpreter of the internal instruction stream: no warm-up, runs everywhere.</summary>
    Interpreter,

    /// <summary>Each function is translated to IL on its first call and compiled to machine code by the .NET JIT.</summary>
    Compiled,
}
