using System.Collections.Concurrent;

namespace Paraloom.Grains;

/// <summary>
/// Executions in flight per local validator. Kept outside the grains because executions finish on the
/// execution scheduler, off any grain turn.
/// </summary>
internal sealed class ValidatorLoad
{
    private readonly ConcurrentDictionary<string, int> _inFlight = new(StringComparer.Ordinal);

    public int InFlight(string validatorId) => _inFlight.GetValueOrDefault(validatorId);

    public int Started(string validatorId) => _inFlight.AddOrUpdate(validatorId, 1, (_, count) => count + 1);

    public int Finished(string validatorId) => _inFlight.AddOrUpdate(validatorId, 0, (_, count) => Math.Max(0, count - 1));
}
