using Orleans;
using Orleans.Runtime;
using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Paraloom.Compute.Selection;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

[GrainType("validator-registry")]
internal sealed class ValidatorRegistryGrain(
    [PersistentState("validators")] IPersistentState<ValidatorRegistryState> state,
    IOptions<ComputeOptions> options) : Grain, IValidatorRegistryGrain
{
    private readonly CohortSelector _selector = new(options.Value.Selection);
    private readonly Dictionary<string, LoadReport> _load = new(StringComparer.Ordinal);
    // Job id → cohort size, oldest first.
    private readonly OrderedDictionary<string, int> _waiting = new(StringComparer.Ordinal);

    private Dictionary<string, RegisteredValidator> Validators => state.State.Validators;

    public async Task RegisterAsync(ValidatorInfo validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        var entry = new RegisteredValidator(validator.SiloId, validator.PublicKey.ToBytes(), validator.Capacity, validator.Reputation);
        _load[validator.ValidatorId] = _load.GetValueOrDefault(validator.ValidatorId) with { InFlight = validator.InFlight };
        if (Validators.TryGetValue(validator.ValidatorId, out var known) && SameEntry(known, entry))
        {
            return;
        }
        Validators[validator.ValidatorId] = entry;
        await state.WriteStateAsync();
        WakeWaitingJobs();
    }

    public Task ReportLoadAsync(string validatorId, LoadReport load)
    {
        if (!Validators.ContainsKey(validatorId) || load.Sequence <= _load.GetValueOrDefault(validatorId).Sequence)
        {
            return Task.CompletedTask;
        }
        var before = _load.GetValueOrDefault(validatorId).InFlight;
        _load[validatorId] = load with { InFlight = Math.Max(0, load.InFlight) };
        if (load.InFlight < before)
        {
            WakeWaitingJobs();
        }
        return Task.CompletedTask;
    }

    public async Task ReportReputationAsync(string validatorId, int reputation)
    {
        if (!Validators.TryGetValue(validatorId, out var known) || known.Reputation == reputation)
        {
            return;
        }
        Validators[validatorId] = known with { Reputation = reputation };
        await state.WriteStateAsync();
    }

    public Task<CohortSelection> SelectCohortAsync(
        string jobId, int size, IReadOnlyCollection<string> exclude, IReadOnlyCollection<string> suspects)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ImmutableArray<string> cohort;
        try
        {
            cohort = _selector.Select(Views(), size, exclude, suspects);
        }
        catch (InsufficientValidatorsException shortage)
        {
            if (shortage.OnlyBusy)
            {
                _waiting.TryAdd(jobId, size);
            }
            return Task.FromResult(CohortSelection.None(shortage.Message, shortage.OnlyBusy));
        }
        // A queued job that found its cohort through its own reminder no longer waits.
        _waiting.Remove(jobId);
        foreach (var id in cohort)
        {
            // Reserved until the member's next report, which counts the execution itself (or its absence).
            var load = _load.GetValueOrDefault(id);
            _load[id] = load with { InFlight = load.InFlight + 1 };
        }
        return Task.FromResult(CohortSelection.Of(
            [.. cohort.Select(id => new CohortMember(id, PublicKey.FromBytes(Validators[id].PublicKey)))]));
    }

    public Task<IReadOnlyList<ValidatorInfo>> GetValidatorsAsync() =>
        Task.FromResult<IReadOnlyList<ValidatorInfo>>(
        [
            .. Validators.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new ValidatorInfo(
                pair.Key, pair.Value.SiloId, PublicKey.FromBytes(pair.Value.PublicKey), pair.Value.Capacity,
                _load.GetValueOrDefault(pair.Key).InFlight, pair.Value.Reputation)),
        ]);

    private IEnumerable<ValidatorView> Views() => Validators.Select(pair => new ValidatorView(
        pair.Key, pair.Value.SiloId, _load.GetValueOrDefault(pair.Key).InFlight, pair.Value.Capacity, pair.Value.Reputation));

    /// <summary>
    /// Wakes waiting jobs, oldest first, while the free slots of trusted validators cover their cohorts. A woken
    /// job that still finds no cohort (its slots were on too few validators) queues again.
    /// </summary>
    private void WakeWaitingJobs()
    {
        var freeSlots = Views()
            .Where(view => view.Reputation >= options.Value.Selection.MinimumReputation)
            .Sum(view => Math.Max(0, view.Capacity - view.InFlight));
        while (_waiting.Count > 0 && _waiting.GetAt(0) is var (jobId, cohortSize) && cohortSize <= freeSlots)
        {
            _waiting.RemoveAt(0);
            freeSlots -= cohortSize;
            _ = GrainFactory.GetGrain<ICapacityListener>(jobId).OnCapacityFreedAsync();
        }
    }

    private static bool SameEntry(RegisteredValidator left, RegisteredValidator right) =>
        left.SiloId == right.SiloId && left.Capacity == right.Capacity && left.Reputation == right.Reputation
        && left.PublicKey.AsSpan().SequenceEqual(right.PublicKey);
}
