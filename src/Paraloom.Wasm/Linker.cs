namespace Paraloom.Wasm;

/// <summary>Collects named externs (host items or other instances' exports) and instantiates modules against them.</summary>
public sealed class Linker
{
    private readonly Dictionary<(string Module, string Name), Extern> _items = new();

    /// <summary>Defines (or redefines) the extern imported as <paramref name="module"/>.<paramref name="name"/>.</summary>
    public Linker Define(string module, string name, Extern item)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(item);
        _items[(module, name)] = item;
        return this;
    }

    /// <summary>Defines every export of <paramref name="instance"/> under the module name <paramref name="module"/>.</summary>
    public Linker DefineInstance(string module, Instance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        foreach (var (name, item) in instance.Exports) Define(module, name, item);
        return this;
    }

    /// <inheritdoc cref="Instance.Create"/>
    public Instance Instantiate(Store store, Module module) => Instance.Create(store, module, _items);
}
