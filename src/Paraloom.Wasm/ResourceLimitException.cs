namespace Paraloom.Wasm;

/// <summary>Instantiation asked for more memory or table space than the store's limits allow.</summary>
public sealed class ResourceLimitException : WasmException
{
    public ResourceLimitException(string message) : base(message) { }
}
