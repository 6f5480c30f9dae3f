using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>
/// The scoring view of every validator (one grain, key <see cref="Key"/>), so picking a cohort is one call.
/// Validators report themselves; load is soft state, membership and reputation are stored. A validator counts only
/// while the silo it registered from is an active member of the cluster: on a silo that is gone it is offline, neither
/// listed nor selected, until it registers again from a running silo.
/// </summary>
[Alias("paraloom.validator-registry")]
public interface IValidatorRegistryGrain : IGrainWithStringKey
{
    public const string Key = "validators";

    /// <summary>Adds or refreshes a validator's entry, hosted on <paramref name="host"/> (the silo holding its key).</summary>
    [Alias("register")]
    Task RegisterAsync(ValidatorInfo validator, SiloAddress host);

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
    /// The picked validators are reserved for the job: each counts as one execution busier until the job releases
    /// it (<see cref="ReleaseAsync"/>) or the <paramref name="lease"/> runs out, so selections that follow do not
    /// pile work on them and a cohort that never runs does not hold them for ever. Selecting again for the same job
    /// (its next attempt) first releases what its earlier attempt held.
    /// </summary>
    /// <remarks>
    /// When enough validators pass the gate but too few have free capacity, the job is queued in the same turn
    /// (so no fall in load can slip past it) and woken, oldest first, as load falls. The queue is soft state:
    /// after a restart the jobs' own reminders try again. A shortage is an answer, not an exception, so it
    /// crosses the grain call as a contract of its own.
    /// </remarks>
    [Alias("select-cohort")]
    Task<CohortSelection> SelectCohortAsync(
        string jobId, int size, IReadOnlyCollection<string> exclude, IReadOnlyCollection<string> suspects, TimeSpan lease);

    /// <summary>
    /// Ends the job's reservation of <paramref name="validatorId"/> (it got its assignment, or refused it), or of
    /// the whole cohort when null (the attempt ended: agreed, retried, rejected, timed out). Releasing what is not
    /// reserved does nothing.
    /// </summary>
    [OneWay]
    [Alias("release")]
    Task ReleaseAsync(string jobId, string? validatorId);

    /// <summary>
    /// Applies a validator revocation (<see cref="Compute.ValidatorRevocation"/>'s canonical bytes) signed by the network
    /// authority; anyone may deliver it. From then on the revoked validator is neither listed nor selected, and its
    /// registrations are refused, whatever the revocation's effective time: it is kept for good. Returns false when that
    /// validator was revoked already.
    /// </summary>
    /// <exception cref="InvalidRevocationException">Not a revocation, or not the authority's: nothing is stored.</exception>
    [RequesterSurface, Alias("revoke")]
    Task<bool> RevokeAsync(byte[] revocation);

    /// <summary>The online validators: those whose silo is an active member of the cluster.</summary>
    [RequesterSurface, Alias("validators")]
    Task<IReadOnlyList<ValidatorInfo>> GetValidatorsAsync();
}
