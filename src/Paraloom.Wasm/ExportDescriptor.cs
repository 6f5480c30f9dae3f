namespace Paraloom.Wasm;

/// <summary>One export a module declares; <paramref name="FunctionType"/> is set for function exports.</summary>
public sealed record ExportDescriptor(string Name, ExternKind Kind, FunctionType? FunctionType = null);
