namespace Paraloom.Wasm;

/// <summary>A module's imports cannot be satisfied by the externs offered (missing or of the wrong type).</summary>
public sealed class LinkException : WasmException
{
    public LinkException(string message) : base(message) { }
}
