using System.Collections.Concurrent;

namespace Paraloom.Grains;

/// <summary>
/// Executions in flight per local validator. Kept outside the grains because executions finish on the
/// execution scheduler, off any grain turn. Every change is numbered, so the registry can tell a late report
/// from a fresh one.
/// </summary>
internal sealed class ValidatorLoad
{
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    public int InFlight(string validatorId) => _counters.TryGetValue(validatorId, out var counter) ? counter.Read().InFlight : 0;

    /// <summary>The current count under its latest number, for a registry that lost track of it.</summary>
    public LoadReport Current(string validatorId) => CounterOf(validatorId).Read();

    public LoadReport Started(string validatorId) => CounterOf(validatorId).Add(1);

    public LoadReport Finished(string validatorId) => CounterOf(validatorId).Add(-1);

    private Counter CounterOf(string validatorId) => _counters.GetOrAdd(validatorId, _ => new Counter());

    private sealed class Counter
    {
        private readonly Lock _gate = new();
        private int _inFlight;
        private long _sequence;

        public LoadReport Add(int delta)
        {
            lock (_gate)
            {
                _inFlight = Math.Max(0, _inFlight + delta);
                return new LoadReport(_inFlight, ++_sequence);
            }
        }

        public LoadReport Read()
        {
            lock (_gate)
            {
                return new LoadReport(_inFlight, _sequence);
            }
        }
    }
}
