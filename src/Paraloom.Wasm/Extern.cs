namespace Paraloom.Wasm;

/// <summary>Something an instance can import or export: a function, table, memory or global of one store.</summary>
public abstract class Extern
{
    private protected Extern(Store store)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
    }

    public abstract ExternKind Kind { get; }

    internal Store Store { get; }
}
