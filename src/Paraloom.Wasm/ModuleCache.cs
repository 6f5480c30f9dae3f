namespace Paraloom.Wasm;

/// <summary>A small thread-safe least-recently-used map from module hash to compiled module.</summary>
internal sealed class ModuleCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, Module Module)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, Module Module)> _order = new();
    private readonly Lock _lock = new();

    public ModuleCache(int capacity) => _capacity = capacity;

    public bool TryGet(string key, out Module module)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                module = node.Value.Module;
                return true;
            }
        }
        module = null!;
        return false;
    }

    public void Add(string key, Module module)
    {
        if (_capacity == 0) return;
        lock (_lock)
        {
            if (_entries.ContainsKey(key)) return;
            if (_entries.Count >= _capacity)
            {
                var oldest = _order.Last!;
                _order.RemoveLast();
                _entries.Remove(oldest.Value.Key);
            }
            _entries[key] = _order.AddFirst((key, module));
        }
    }
}
