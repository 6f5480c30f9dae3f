namespace Paraloom.Wasm;

/// <summary>One export a module declares.</summary>
public sealed record ExportDescriptor(string Name, ExternKind Kind);
