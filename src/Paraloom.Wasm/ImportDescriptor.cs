namespace Paraloom.Wasm;

/// <summary>One import a module declares.</summary>
public sealed record ImportDescriptor(string ModuleName, string Name, ExternKind Kind);
