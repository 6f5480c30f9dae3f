namespace Paraloom.Wasm;

/// <summary>An instantiated module: its functions, tables, memory, globals and exports in one store.</summary>
public sealed class Instance
{
    private readonly Dictionary<string, Extern> _exports = new(StringComparer.Ordinal);

    internal Instance(Store store, Module module)
    {
        Store = store;
        Module = module;
    }

    public Store Store { get; }

    public Module Module { get; }

    public IReadOnlyDictionary<string, Extern> Exports => _exports;

    internal Function[] Functions { get; set; } = [];
    internal Table[] Tables { get; set; } = [];
    internal Memory? Memory { get; set; }
    internal Global[] Globals { get; set; } = [];
    /// <summary>Element segments as store handles; a dropped segment is empty.</summary>
    internal ulong[][] ElementSegments { get; set; } = [];
    /// <summary>Data segments; a dropped segment is empty.</summary>
    internal byte[][] DataSegments { get; set; } = [];

    /// <summary>
    /// Instantiates <paramref name="module"/> in <paramref name="store"/>, resolving each import by
    /// (module name, name) in <paramref name="imports"/>, then runs its start function.
    /// </summary>
    /// <exception cref="LinkException">An import is missing or has the wrong type.</exception>
    /// <exception cref="ResourceLimitException">A memory or table exceeds the store's limits.</exception>
    /// <exception cref="TrapException">Initialising a segment or the start function trapped.</exception>
    public static Instance Create(Store store, Module module, IReadOnlyDictionary<(string Module, string Name), Extern>? imports = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(module);
        if (module.Engine != store.Engine) throw new ArgumentException("the module was compiled by a different engine than the store's", nameof(module));
        return Instantiator.Instantiate(store, module, imports ?? new Dictionary<(string, string), Extern>());
    }

    public Function? GetFunction(string name) => _exports.GetValueOrDefault(name) as Function;

    public Memory? GetMemory(string name) => _exports.GetValueOrDefault(name) as Memory;

    public Global? GetGlobal(string name) => _exports.GetValueOrDefault(name) as Global;

    public Table? GetTable(string name) => _exports.GetValueOrDefault(name) as Table;

    internal void AddExport(string name, Extern item) => _exports.Add(name, item);
}
