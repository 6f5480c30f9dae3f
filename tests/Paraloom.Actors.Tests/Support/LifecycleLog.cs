using System.Collections.Concurrent;

namespace Paraloom.Actors.Tests.Support;

/// <summary>A singleton service the test grains report their lifecycle and ticks to.</summary>
public sealed class LifecycleLog
{
    private readonly ConcurrentQueue<string> _events = new();

    public IReadOnlyList<string> Events => _events.ToArray();

    public void Add(string entry) => _events.Enqueue(entry);

    public int Count(string entry) => _events.Count(e => e == entry);

    public int CountStartingWith(string prefix) => _events.Count(e => e.StartsWith(prefix, StringComparison.Ordinal));
}
