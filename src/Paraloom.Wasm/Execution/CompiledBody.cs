namespace Paraloom.Wasm.Execution;

/// <summary>
/// A function translated to machine code: runs one activation whose parameters and locals are at
/// <paramref name="frame"/> (the same value-stack layout as the interpreter's) and leaves its results there.
/// </summary>
internal unsafe delegate void CompiledBody(Store store, Instance instance, ulong* frame);
