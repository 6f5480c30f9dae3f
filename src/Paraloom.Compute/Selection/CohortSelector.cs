using System.Collections.Immutable;
using System.Security.Cryptography;

namespace Paraloom.Compute.Selection;

/// <summary>
/// Picks a job's cohort: K distinct validators at or above the reputation gate with free capacity.
/// </summary>
/// <remarks>
/// Each pick prefers, in order: validators that are neither excluded (a failed attempt's cohort) nor
/// suspected (caught misbehaving or silent in an earlier attempt of the same job), then excluded ones, then
/// suspects; within that, validators on a silo not yet in the cohort, then the best score. Among scores
/// within the tie band of the best, the pick is uniform from a CSPRNG, so no validator can predict or bias
/// who runs a job. A suspect fills a cohort only when nobody else is eligible: its penalty may not have
/// lowered its score enough yet to keep it out, and a retry handed back to the member that failed it would
/// fail the same way.
/// </remarks>
public sealed class CohortSelector(SelectionOptions? options = null)
{
    private readonly SelectionOptions _options = options ?? SelectionOptions.Default;

    /// <exception cref="InsufficientValidatorsException">Fewer than <paramref name="size"/> validators are eligible.</exception>
    public ImmutableArray<string> Select(
        IEnumerable<ValidatorView> validators, int size, IEnumerable<string>? exclude = null, IEnumerable<string>? suspects = null)
    {
        ArgumentNullException.ThrowIfNull(validators);
        Guard.Positive(size, nameof(size));
        var all = validators.ToList();
        if (all.DistinctBy(v => v.ValidatorId, StringComparer.Ordinal).Count() != all.Count)
        {
            throw new ArgumentException("Each validator may appear in the view only once.", nameof(validators));
        }
        var aboveGate = all.Where(v => v.Reputation >= _options.MinimumReputation).ToList();
        var eligible = aboveGate.Where(v => v.HasFreeCapacity).ToList();
        if (eligible.Count < size)
        {
            throw new InsufficientValidatorsException(size, eligible.Count, aboveGate.Count);
        }

        var excluded = (exclude ?? []).ToHashSet(StringComparer.Ordinal);
        var suspected = (suspects ?? []).ToHashSet(StringComparer.Ordinal);
        List<List<ValidatorView>> tiers =
        [
            [.. eligible.Where(v => !excluded.Contains(v.ValidatorId) && !suspected.Contains(v.ValidatorId))],
            [.. eligible.Where(v => excluded.Contains(v.ValidatorId) && !suspected.Contains(v.ValidatorId))],
            [.. eligible.Where(v => suspected.Contains(v.ValidatorId))],
        ];
        var usedSilos = new HashSet<string>(StringComparer.Ordinal);
        var cohort = ImmutableArray.CreateBuilder<string>(size);
        while (cohort.Count < size)
        {
            var tier = tiers.First(candidates => candidates.Count > 0);
            var pick = PickOne(tier, usedSilos);
            tier.Remove(pick);
            usedSilos.Add(pick.SiloId);
            cohort.Add(pick.ValidatorId);
        }
        return cohort.MoveToImmutable();
    }

    private ValidatorView PickOne(List<ValidatorView> tier, HashSet<string> usedSilos)
    {
        var onNewSilo = tier.Where(v => !usedSilos.Contains(v.SiloId)).ToList();
        var pool = onNewSilo.Count > 0 ? onNewSilo : tier;
        var best = pool.Max(v => v.Score);
        var band = pool.Where(v => v.Score >= best - _options.TieBand).ToList();
        return band[RandomNumberGenerator.GetInt32(band.Count)];
    }
}
