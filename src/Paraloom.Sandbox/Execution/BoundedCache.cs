namespace Paraloom.Compute.Execution;

/// <summary>
/// A bounded least-recently-used map from a module hash to what is derived from the module once (its admission
/// result, its compiled form). Two threads asking for the same missing entry may both make it; the first to finish
/// is kept. Evicted values are not disposed here: an execution may still hold one (a compiled module's native
/// handle is released when it is collected).
/// </summary>
internal sealed class BoundedCache<TValue>
{
    private readonly int _capacity;
    private readonly Dictionary<ModuleHash, LinkedListNode<(ModuleHash Key, TValue Value)>> _entries = [];
    private readonly LinkedList<(ModuleHash Key, TValue Value)> _recency = [];
    private readonly Lock _lock = new();

    public BoundedCache(int capacity) => _capacity = capacity;

    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    public TValue GetOrAdd(ModuleHash key, Func<TValue> make)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var hit))
            {
                _recency.Remove(hit);
                _recency.AddFirst(hit);
                return hit.Value.Value;
            }
        }
        // Made outside the lock: one slow module must not hold up every other execution.
        var value = make();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var raced)) return raced.Value.Value;
            _entries[key] = _recency.AddFirst((key, value));
            if (_entries.Count > _capacity)
            {
                _entries.Remove(_recency.Last!.Value.Key);
                _recency.RemoveLast();
            }
            return value;
        }
    }
}
