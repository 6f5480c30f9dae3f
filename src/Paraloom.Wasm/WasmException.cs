namespace Paraloom.Wasm;

/// <summary>The base of every error the engine reports.</summary>
public class WasmException : Exception
{
    public WasmException(string message) : base(message) { }

    public WasmException(string message, Exception inner) : base(message, inner) { }
}
