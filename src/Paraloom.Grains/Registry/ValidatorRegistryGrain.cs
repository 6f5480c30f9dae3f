using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Paraloom.Compute;
using Paraloom.Compute.Selection;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

[GrainType("validator-registry")]
internal sealed class ValidatorRegistryGrain(
    [PersistentState("validators")] IPersistentState<ValidatorRegistryState> state,
    IOptions<ComputeOptions> options,
    IClusterMembershipService membership,
    TimeProvider time) : Grain, IValidatorRegistryGrain
{
    private readonly CohortSelector _selector = new(options.Value.Selection);
    // Executions each validator reported itself; selections reserved since then are in _reservations.
    private readonly Dictionary<string, LoadReport> _load = new(StringComparer.Ordinal);
    private readonly CohortReservations _reservations = new();
    // Job id → cohort size, oldest first.
    private readonly OrderedDictionary<string, int> _waiting = new(StringComparer.Ordinal);
    // The certificates of stored validators that verified under the network authority in this activation: only these
    // validators are selected, and only while their certificate is valid.
    private readonly Dictionary<string, ValidatorCertificate> _admitted = new(StringComparer.Ordinal);
    private readonly PublicKey _authority = options.Value.NetworkAuthority
        ?? throw new InvalidOperationException("ComputeOptions.NetworkAuthority is required.");

    private Dictionary<string, RegisteredValidator> Validators => state.State.Validators;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        AdmitStoredValidators();
        // Leases end on their own: a job that never releases its cohort (a silo lost, a requester gone) frees it here.
        this.RegisterGrainTimer(ExpireLeasesAsync, options.Value.DeadlineCheckPeriod, options.Value.DeadlineCheckPeriod);
        // A new activation knows no load: validators still executing (on silos that kept running) report theirs, so
        // they are not handed more work than they take. One-way, so no validator waits on this activation.
        foreach (var validatorId in OnlineValidators().Select(pair => pair.Key))
        {
            GrainFactory.GetGrain<IValidatorGrain>(validatorId).ReportLoadAsync().Ignore();
        }
        return Task.CompletedTask;
    }

    public async Task RegisterAsync(ValidatorInfo validator, SiloAddress host)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(host);
        if (RevocationOf(validator.ValidatorId) is { } revocation)
        {
            throw new ValidatorNotAdmittedException(validator.ValidatorId, $"the network authority revoked it from {revocation.EffectiveFrom:u}: {revocation.Reason}");
        }
        if (ValidatorAdmission.ProblemWith(
            validator.Certificate, validator.ValidatorId, validator.PublicKey, validator.Profile, _authority, time.GetUtcNow()) is { } problem)
        {
            // A validator refused now is not selected on the strength of an earlier registration either.
            if (Validators.Remove(validator.ValidatorId))
            {
                _admitted.Remove(validator.ValidatorId);
                await state.WriteStateAsync();
            }
            throw new ValidatorNotAdmittedException(validator.ValidatorId, problem);
        }
        var entry = new RegisteredValidator(
            validator.SiloId, validator.PublicKey.ToBytes(), validator.Capacity, validator.Reputation, validator.Profile,
            host.ToParsableString(), validator.Certificate!.ToBytes());
        _admitted[validator.ValidatorId] = validator.Certificate;
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
        var before = ReportedInFlight(validatorId);
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
        string jobId, int size, IReadOnlyCollection<string> exclude, IReadOnlyCollection<string> suspects, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        // The job's earlier attempt, if any, has ended: what it held is not in its way.
        _reservations.Release(jobId, null);
        _reservations.Expire(time.GetUtcNow());
        if (!TrySelectWithinOneProfile(size, exclude, suspects, out var cohort, out var profile, out var shortage))
        {
            if (shortage.OnlyBusy)
            {
                _waiting.TryAdd(jobId, size);
            }
            return Task.FromResult(CohortSelection.None(shortage.Message, shortage.OnlyBusy));
        }
        // A queued job that found its cohort through its own reminder no longer waits.
        _waiting.Remove(jobId);
        _reservations.Reserve(jobId, cohort, time.GetUtcNow() + lease);
        return Task.FromResult(CohortSelection.Of(
            [.. cohort.Select(id => new CohortMember(id, PublicKey.FromBytes(Validators[id].PublicKey)))],
            [.. cohort.Select(id => _admitted[id])], profile));
    }

    public Task ReleaseAsync(string jobId, string? validatorId)
    {
        if (_reservations.Release(jobId, validatorId))
        {
            WakeWaitingJobs();
        }
        return Task.CompletedTask;
    }

    public async Task<bool> RevokeAsync(byte[] revocation)
    {
        ArgumentNullException.ThrowIfNull(revocation);
        ValidatorRevocation parsed;
        try
        {
            parsed = ValidatorRevocation.FromBytes(revocation);
        }
        catch (FormatException invalid)
        {
            throw new InvalidRevocationException(invalid.Message);
        }
        if (parsed.ProblemUnder(_authority) is { } problem)
        {
            throw new InvalidRevocationException($"The validator revocation is refused: {problem}.");
        }
        if (state.State.Revoked.ContainsKey(parsed.ValidatorId))
        {
            return false;
        }
        // Stored in the same write that drops the validator, so no restart can see one without the other.
        state.State.Revoked[parsed.ValidatorId] = parsed.ToBytes();
        Validators.Remove(parsed.ValidatorId);
        _admitted.Remove(parsed.ValidatorId);
        _load.Remove(parsed.ValidatorId);
        await state.WriteStateAsync();
        return true;
    }

    public Task<IReadOnlyList<ValidatorInfo>> GetValidatorsAsync()
    {
        _reservations.Expire(time.GetUtcNow());
        return Task.FromResult<IReadOnlyList<ValidatorInfo>>(
        [
            .. OnlineValidators().OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => new ValidatorInfo(
                pair.Key, pair.Value.SiloId, PublicKey.FromBytes(pair.Value.PublicKey), pair.Value.Capacity,
                InFlight(pair.Key), pair.Value.Reputation, pair.Value.Profile, _admitted[pair.Key])),
        ]);
    }

    private Task ExpireLeasesAsync(CancellationToken cancellationToken)
    {
        if (_reservations.Expire(time.GetUtcNow()))
        {
            WakeWaitingJobs();
        }
        return Task.CompletedTask;
    }

    /// <summary>What the validator reported running, plus the cohorts it was reserved for since.</summary>
    private int InFlight(string validatorId) => ReportedInFlight(validatorId) + _reservations.Held(validatorId);

    /// <summary>
    /// What the validator last reported running. Until it reports to this activation (a new one asks every validator
    /// when it starts), it counts as full: it may still be executing what an earlier activation assigned, and a job
    /// that waits for its report is better than one handed to a validator that refuses it as busy.
    /// </summary>
    private int ReportedInFlight(string validatorId) =>
        _load.TryGetValue(validatorId, out var load) ? load.InFlight : Validators[validatorId].Capacity;

    /// <summary>
    /// Picks the cohort among validators of one execution profile, trying the profiles with the most validators
    /// first: only equal profiles promise equal results. When none can, the shortage of the largest profile is the
    /// answer, and the job waits if any profile merely lacked free capacity.
    /// </summary>
    private bool TrySelectWithinOneProfile(
        int size, IReadOnlyCollection<string> exclude, IReadOnlyCollection<string> suspects,
        out ImmutableArray<string> cohort, out string profile, out (string Message, bool OnlyBusy) shortage)
    {
        var profiles = OnlineValidators().GroupBy(pair => pair.Value.Profile, StringComparer.Ordinal)
            .OrderByDescending(group => group.Count()).ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => group.Key);
        shortage = (new InsufficientValidatorsException(size, 0, 0).Message, false);
        var first = true;
        foreach (var candidate in profiles)
        {
            try
            {
                cohort = _selector.Select(Views(candidate), size, exclude, suspects);
                profile = candidate;
                return true;
            }
            catch (InsufficientValidatorsException tooFew)
            {
                shortage = (first ? tooFew.Message : shortage.Message, shortage.OnlyBusy || tooFew.OnlyBusy);
                first = false;
            }
        }
        cohort = [];
        profile = "";
        return false;
    }

    /// <summary>
    /// The online validators as selection sees them. Their silo is the Orleans endpoint they registered from, which
    /// no configuration can make two processes share, so cohorts spread over processes that fail (or are
    /// compromised) independently.
    /// </summary>
    private IEnumerable<ValidatorView> Views(string? profile = null) => OnlineValidators()
        .Where(pair => profile is null || pair.Value.Profile == profile)
        .Select(pair => new ValidatorView(
        pair.Key, HostSilo(pair.Value), InFlight(pair.Key), pair.Value.Capacity, pair.Value.Reputation));

    /// <summary>
    /// Admitted validators whose silo is an active member of the cluster now: the others are offline, and a validator
    /// whose certificate has expired (or is not valid yet) is not selected from that moment on.
    /// </summary>
    private IEnumerable<KeyValuePair<string, RegisteredValidator>> OnlineValidators()
    {
        var members = membership.CurrentSnapshot;
        var now = time.GetUtcNow();
        return Validators.Where(pair => IsAdmittedAt(pair.Key, now) && (pair.Value.Host is not { } host
            || members.GetSiloStatus(SiloAddress.FromParsableString(host)) == SiloStatus.Active));
    }

    private bool IsAdmittedAt(string validatorId, DateTimeOffset at) =>
        _admitted.TryGetValue(validatorId, out var certificate) && at >= certificate.NotBefore && at < certificate.NotAfter.AddSeconds(1);

    /// <summary>
    /// Checks the stored validators' certificates under the authority this silo is configured with (it may have changed
    /// since they registered): one that does not verify is not selected until its validator registers again.
    /// </summary>
    private void AdmitStoredValidators()
    {
        foreach (var (id, entry) in Validators)
        {
            if (entry.Certificate is not { } bytes)
            {
                continue;
            }
            var certificate = ValidatorCertificate.FromBytes(bytes);
            // The validity period is checked at each selection; here only what does not change with time.
            if (ValidatorAdmission.ProblemWith(certificate, id, PublicKey.FromBytes(entry.PublicKey), entry.Profile, _authority, certificate.NotBefore) is null)
            {
                _admitted[id] = certificate;
            }
        }
    }

    private ValidatorRevocation? RevocationOf(string validatorId) =>
        state.State.Revoked.TryGetValue(validatorId, out var bytes) ? ValidatorRevocation.FromBytes(bytes) : null;

    private static string HostSilo(RegisteredValidator validator) =>
        validator.Host is { } host ? SiloAddress.FromParsableString(host).Endpoint.ToString() : validator.SiloId;

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
        && left.Profile == right.Profile && left.Host == right.Host
        && left.PublicKey.AsSpan().SequenceEqual(right.PublicKey)
        && (left.Certificate ?? []).AsSpan().SequenceEqual(right.Certificate);
}
