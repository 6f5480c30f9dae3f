using Orleans;
using Orleans.Concurrency;

namespace Paraloom.Grains;

/// <summary>
/// The scoring view of every validator (one grain, key <see cref="Key"/>), so picking a cohort is one call.
/// Validators report themselves; load is soft state, membership and reputation are stored.
/// </summary>
[Alias("paraloom.validator-registry")]
public interface IValidatorRegistryGrain : IGrainWithStringKey
{
    public const string Key = "validators";

    /// <summary>Adds or refreshes a validator's entry.</summary>
    [Alias("register")]
    Task RegisterAsync(ValidatorInfo validator);

    /// <summary>A validator's load changed; a lower load wakes jobs waiting for capacity.</summary>
    [OneWay]
    [Alias("report-load")]
    Task ReportLoadAsync(string validatorId, LoadReport load);

    [Alias("report-reputation")]
    Task ReportReputationAsync(string validatorId, int reputation);

    /// <summary>
    /// Picks <paramref name="size"/> distinct validators above the reputation gate with free capacity for job
    /// <paramref name="jobId"/>, avoiding <paramref name="exclude"/> (a failed attempt's cohort) where others are
    /// eligible, and <paramref name="suspects"/> (members an earlier attempt caught failing) before anyone else.
    /// The picked validators count as one execution busier at once, so selections that follow before their own
    /// load reports arrive do not pile work on them.
    /// </summary>
    /// <remarks>
    /// When enough validators pass the gate but too few have free capacity, the job is queued in the same turn
    /// (so no fall in load can slip past it) and woken, oldest first, as load falls. The queue is soft state:
    /// after a restart the jobs' own reminders try again. A shortage is an answer, not an exception, so it
    /// crosses the grain call as a contract of its own.
    /// </remarks>
    [Alias("select-cohort")]
    Task<CohortSelection> SelectCohortAsync(
        string jobId, int size, IReadOnlyCollection<string> exclude, IReadOnlyCollection<string> suspects);

    [Alias("validators")]
    Task<IReadOnlyList<ValidatorInfo>> GetValidatorsAsync();
}
