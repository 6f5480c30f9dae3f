using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Paraloom.Compute.Selection;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// A validator hosted on this silo. Its turns only bookkeep: executions run on the execution scheduler
/// through <see cref="AssignmentRunner"/>, which sends the signed votes. It lives only on the silo holding its key,
/// for as long as that silo runs: being active is what makes it available.
/// </summary>
[GrainType("validator")]
[KeyHolderPlacement]
[CollectionAgeLimit(AlwaysActive = true)]
internal sealed partial class ValidatorGrain(
    [PersistentState("validator")] IPersistentState<ValidatorState> state,
    IValidatorKeyRing keyRing,
    AssignmentRunner runner,
    ValidatorLoad load,
    IOptions<ComputeOptions> options,
    ComputeMetrics metrics,
    ILocalSiloDetails silo,
    TimeProvider time,
    ILogger<ValidatorGrain> logger) : Grain, IValidatorGrain
{
    /// <summary>Assignments started by this activation, so a re-sent assignment does not run twice.</summary>
    /// <summary>How many started assignments are remembered: far more than are ever re-sent at once.</summary>
    private const int RememberedAssignments = 4096;

    private readonly HashSet<string> _started = new(StringComparer.Ordinal);
    private readonly Queue<string> _startedOrder = new();
    private SecretKey _key = null!;
    private IVoteSigner _signer = null!;

    private string Id => this.GetPrimaryKeyString();

    private IValidatorRegistryGrain Registry => GrainFactory.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!keyRing.TryGetKey(Id, out var key))
        {
            throw new UnknownValidatorException(Id);
        }
        _key = key;
        // Only a test host registers another signer (IVoteSigner is internal, and no setting names one).
        _signer = ServiceProvider.GetKeyedService<IVoteSigner>(keyRing.SlotOf(Id)) ?? HonestVoteSigner.Instance;
        await MoveStoredOutcomeListAsync();
        await StartRecoveryClockAsync();
        try
        {
            await Registry.RegisterAsync(Info(), silo.SiloAddress);
        }
        catch (ValidatorNotAdmittedException refused)
        {
            // The validator stays up (its silo serves everything else) but is never selected: the operator must admit it.
            LogNotAdmitted(logger, Id, keyRing.SlotOf(Id), refused.Problem);
        }
        var period = options.Value.ReputationRecoveryPeriod;
        this.RegisterGrainTimer(RecoverAsync, period, period);
    }

    public Task<ValidatorInfo> GetInfoAsync() => Task.FromResult(Info());

    public Task<AssignmentReceipt> ExecuteAsync(Assignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        var key = QuorumKey.For(assignment.JobId, assignment.Attempt);
        if (!Remember(key))
        {
            return Task.FromResult(AssignmentReceipt.Accepted);
        }
        if (runner.TryStart(Id, _key, _signer, assignment) is not { } run)
        {
            _started.Remove(key);
            LogBusy(logger, Id, assignment.JobId, assignment.Attempt);
            // The registry thought this validator had room: correct it before it assigns more.
            Registry.ReportLoadAsync(Id, load.Current(Id)).Ignore();
            return Task.FromResult(AssignmentReceipt.Busy);
        }
        _ = SendWhenDoneAsync(assignment, run);
        return Task.FromResult(AssignmentReceipt.Accepted);
    }

    /// <summary>
    /// Awaits the execution on this activation's scheduler, so the vote leaves as this validator's own call: the quorum
    /// takes votes and refusals only from the validator they name.
    /// </summary>
    private async Task SendWhenDoneAsync(Assignment assignment, Task<AssignmentOutcome> run) =>
        await runner.SendAsync(Id, assignment, await run);

    public Task ReportLoadAsync()
    {
        Registry.ReportLoadAsync(Id, load.Current(Id)).Ignore();
        return Task.CompletedTask;
    }

    public async Task ApplyReputationAsync(ReputationOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (state.State.Recent.Contains(outcome.Key))
        {
            return;
        }
        state.State.Reputation = Reputation.Apply(state.State.Reputation, outcome.Conduct);
        state.State.Recent.Add(outcome.Key);
        RestartRecoveryClock(faulted: Reputation.DeltaFor(outcome.Conduct) < 0);
        await state.WriteStateAsync();
        metrics.ConductApplied(Id, outcome.Conduct);
        await Registry.ReportReputationAsync(Id, state.State.Reputation);
    }

    private int Gate => options.Value.Selection.MinimumReputation;

    /// <summary>
    /// Below the gate, a new fault restarts the period that earns the next recovery step; at or above it there is
    /// nothing to recover.
    /// </summary>
    private void RestartRecoveryClock(bool faulted)
    {
        if (state.State.Reputation >= Gate)
        {
            state.State.RecoversFrom = null;
        }
        else if (faulted || state.State.RecoversFrom is null)
        {
            state.State.RecoversFrom = time.GetUtcNow();
        }
    }

    /// <summary>A validator left below the gate before it had a recovery clock (or under a higher gate) gets one now.</summary>
    private async Task StartRecoveryClockAsync()
    {
        if (state.State.Reputation < Gate && state.State.RecoversFrom is null)
        {
            RestartRecoveryClock(faulted: false);
            await state.WriteStateAsync();
        }
    }

    /// <summary>
    /// Gives a validator below the gate what its fault-free periods earned, up to the gate, and tells the registry, so
    /// a validator demoted by an outage of its silo is picked again without anyone editing its state.
    /// </summary>
    private async Task RecoverAsync(CancellationToken cancellation)
    {
        if (state.State.RecoversFrom is not { } from)
        {
            return;
        }
        var period = options.Value.ReputationRecoveryPeriod;
        var periods = (time.GetUtcNow() - from).Ticks / period.Ticks;
        if (periods <= 0)
        {
            return;
        }
        state.State.Reputation = Reputation.Recover(state.State.Reputation, Gate, periods);
        state.State.RecoversFrom = state.State.Reputation >= Gate ? null : from + (period * periods);
        await state.WriteStateAsync();
        LogRecovered(logger, Id, state.State.Reputation);
        await Registry.ReportReputationAsync(Id, state.State.Reputation);
    }

    private async Task MoveStoredOutcomeListAsync()
    {
        if (state.State.AppliedOutcomes is not { } stored)
        {
            return;
        }
        foreach (var key in stored.TakeLast(RecentOutcomes.Capacity))
        {
            state.State.Recent.Add(key);
        }
        state.State.AppliedOutcomes = null;
        await state.WriteStateAsync();
    }

    private ValidatorInfo Info()
    {
        var local = options.Value.LocalValidators;
        return new ValidatorInfo(
            Id, local.SiloId, _key.PublicKey, local.Capacity, load.InFlight(Id), state.State.Reputation, runner.Profile,
            keyRing.CertificateOf(Id));
    }

    private bool Remember(string assignmentKey)
    {
        if (!_started.Add(assignmentKey))
        {
            return false;
        }
        _startedOrder.Enqueue(assignmentKey);
        if (_startedOrder.Count > RememberedAssignments)
        {
            _started.Remove(_startedOrder.Dequeue());
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Validator {ValidatorId} recovered to reputation {Reputation}")]
    private static partial void LogRecovered(ILogger logger, string validatorId, int reputation);

    [LoggerMessage(Level = LogLevel.Error,
        Message = "Validator {ValidatorId} (key slot {Slot}) is not admitted and will never be selected: {Problem}. " +
            "Admit its key with `paraloom validators admit` and put the certificate beside the key slot.")]
    private static partial void LogNotAdmitted(ILogger logger, string validatorId, string? slot, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {ValidatorId} is busy: assignment {JobId}/{Attempt} refused")]
    private static partial void LogBusy(ILogger logger, string validatorId, string jobId, int attempt);
}
