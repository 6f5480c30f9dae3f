namespace Paraloom.Compute.Execution;

/// <summary>
/// A bounded least-recently-used map from the instrumented module's hash to its compiled form. Two threads
/// asking for the same missing module may both compile it; the first to finish is kept. Evicted modules are
/// not disposed here: an execution may still hold one, and the native handle is released when it is collected.
/// </summary>
internal sealed class CompiledModuleCache
{
    private readonly int _capacity;
    private readonly Dictionary<string, LinkedListNode<(string Key, Wasmtime.Module Module)>> _entries = [];
    private readonly LinkedList<(string Key, Wasmtime.Module Module)> _recency = [];
    private readonly Lock _lock = new();

    public CompiledModuleCache(int capacity) => _capacity = capacity;

    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    public Wasmtime.Module GetOrAdd(string key, Func<Wasmtime.Module> compile)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Module;
            }
        }
        // Compiling outside the lock: one slow module must not hold up every other execution.
        var module = compile();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var raced)) return raced.Value.Module;
            _entries[key] = _recency.AddFirst((key, module));
            if (_entries.Count > _capacity)
            {
                _entries.Remove(_recency.Last!.Value.Key);
                _recency.RemoveLast();
            }
            return module;
        }
    }
}
