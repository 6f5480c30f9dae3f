using Microsoft.Extensions.Options;
using Paraloom.Actors;
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
    private readonly Dictionary<string, int> _load = new(StringComparer.Ordinal);

    private Dictionary<string, RegisteredValidator> Validators => state.State.Validators;

    public async Task RegisterAsync(ValidatorInfo validator)
    {
        ArgumentNullException.ThrowIfNull(validator);
        var entry = new RegisteredValidator(validator.SiloId, validator.PublicKey.ToBytes(), validator.Capacity, validator.Reputation);
        _load[validator.ValidatorId] = validator.InFlight;
        if (Validators.TryGetValue(validator.ValidatorId, out var known) && SameEntry(known, entry))
        {
            return;
        }
        Validators[validator.ValidatorId] = entry;
        await state.WriteStateAsync();
    }

    public Task ReportLoadAsync(string validatorId, int inFlight)
    {
        if (Validators.ContainsKey(validatorId))
        {
            _load[validatorId] = Math.Max(0, inFlight);
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

    public Task<IReadOnlyList<CohortMember>> SelectCohortAsync(int size, IReadOnlyCollection<string> exclude, IReadOnlyCollection<string> suspects)
    {
        var views = Validators.Select(pair => new ValidatorView(
            pair.Key, pair.Value.SiloId, _load.GetValueOrDefault(pair.Key), pair.Value.Capacity, pair.Value.Reputation));
        var cohort = _selector.Select(views, size, exclude, suspects);
        return Task.FromResult<IReadOnlyList<CohortMember>>(
            [.. cohort.Select(id => new CohortMember(id, PublicKey.FromBytes(Validators[id].PublicKey)))]);
    }

    public Task<IReadOnlyList<ValidatorInfo>> GetValidatorsAsync() =>
        Task.FromResult<IReadOnlyList<ValidatorInfo>>(
        [
            .. Validators.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new ValidatorInfo(
                pair.Key, pair.Value.SiloId, PublicKey.FromBytes(pair.Value.PublicKey), pair.Value.Capacity,
                _load.GetValueOrDefault(pair.Key), pair.Value.Reputation)),
        ]);

    private static bool SameEntry(RegisteredValidator left, RegisteredValidator right) =>
        left.SiloId == right.SiloId && left.Capacity == right.Capacity && left.Reputation == right.Reputation
        && left.PublicKey.AsSpan().SequenceEqual(right.PublicKey);
}
