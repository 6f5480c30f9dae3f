using Paraloom.Actors;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// The scoring view of every validator (one grain, key <see cref="Key"/>), so picking a cohort is one call.
/// Validators report themselves; load is soft state, membership and reputation are stored.
/// </summary>
public interface IValidatorRegistryGrain : IGrainWithStringKey
{
    public const string Key = "validators";

    /// <summary>Adds or refreshes a validator's entry.</summary>
    Task RegisterAsync(ValidatorInfo validator);

    [OneWay]
    Task ReportLoadAsync(string validatorId, int inFlight);

    Task ReportReputationAsync(string validatorId, int reputation);

    /// <summary>
    /// Picks <paramref name="size"/> distinct validators above the reputation gate with free capacity, avoiding
    /// <paramref name="exclude"/> (a failed attempt's cohort) where others are eligible, and
    /// <paramref name="suspects"/> (members an earlier attempt caught failing) before anyone else.
    /// </summary>
    /// <exception cref="Paraloom.Compute.Selection.InsufficientValidatorsException">Too few are eligible.</exception>
    Task<IReadOnlyList<CohortMember>> SelectCohortAsync(int size, IReadOnlyCollection<string> exclude, IReadOnlyCollection<string> suspects);

    Task<IReadOnlyList<ValidatorInfo>> GetValidatorsAsync();
}
