using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Fees;
using Paraloom.Compute.Selection;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// A job's coordinator. Each transition is written before it is acted on (opening a quorum, dispatching,
/// retrying), and a durable reminder re-checks the deadlines, so after a restart every job carries on from
/// its stored state: quorums are reopened idempotently and only members that have not voted are re-sent work.
/// </summary>
[GrainType("compute-job")]
internal sealed partial class ComputeJobGrain(
    [PersistentState("job")] IPersistentState<ComputeJobState> state,
    SubmissionValidator validator,
    IOptions<ComputeOptions> options,
    TimeProvider time,
    ComputeMetrics metrics,
    ILogger<ComputeJobGrain> logger) : Grain, IComputeJobGrain, IAttemptListener, ICapacityListener, IRemindable
{
    private const string DeadlineReminder = "deadlines";
    private const string RetentionReminder = "retention";

    private readonly ComputeOptions _options = options.Value;
    private ResultChallenges? _challenges;

    /// <summary>The attempt this activation has opened a quorum for and dispatched; 0 after a (re)activation.</summary>
    private int _openedAttempt;
    private int _dispatchedAttempt;

    /// <summary>Members of the dispatched attempt that answered Busy: sent the work again while the attempt lasts.</summary>
    private readonly HashSet<string> _busy = new(StringComparer.Ordinal);

    /// <summary>Whoever waits for the job's next transition (<see cref="WaitForChangeAsync"/>).</summary>
    private readonly JobWatchers _watchers = new();

    /// <summary>The module's bytes, read from its content-addressed grain when this activation first dispatches.</summary>
    private byte[]? _module;

    private ComputeJobState Stored => state.State;

    private ResultChallenges Challenges => _challenges ??= new ResultChallenges(JobId, _options.ResultChallengeLifetime);

    private JobLifecycle Lifecycle => Stored.Lifecycle!;

    private string JobId => this.GetPrimaryKeyString();

    private DateTimeOffset Now => time.GetUtcNow();

    private IValidatorRegistryGrain Registry => GrainFactory.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key);

    private IRequesterGrain RequesterOf(PublicKey requester) => GrainFactory.GetGrain<IRequesterGrain>(requester.ToHex());

    private IAccountLedger AccountOf(PublicKey requester) => GrainFactory.GetGrain<IAccountLedger>(requester.ToHex());

    private INoteTreeGrain NoteTree => GrainFactory.GetGrain<INoteTreeGrain>(0);

    private IResultQuorumGrain CurrentQuorum => GrainFactory.GetGrain<IResultQuorumGrain>(QuorumKey.For(JobId, Lifecycle.Attempt));

    public async Task<JobStatus> SubmitAsync(JobSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        using var span = JobSpan.Start(ComputeTelemetry.Jobs, "job submit", logger, JobId);
        try
        {
            return await AdmitAsync(submission);
        }
        catch (Exception refused) when (Refusal.Of(refused) is { } refusal)
        {
            // One line an operator can search by code or requester; the message and the submission itself stay out.
            LogSubmissionRefused(logger, JobId, refusal.Error, submission.Requester.ToHex());
            throw;
        }
    }

    private async Task<JobStatus> AdmitAsync(JobSubmission submission)
    {
        if (state.RecordExists)
        {
            throw new JobSubmissionException(SubmissionError.AlreadySubmitted, $"A job '{JobId}' was already submitted.");
        }
        var privacy = validator.Validate(JobId, submission, Now);
        var selection = await Registry.SelectCohortAsync(
            JobId, submission.Replication, [], [], ReservationLease(submission.Limits, submission.IsPrivate));
        if (!selection.Found && !selection.OnlyBusy)
        {
            throw new JobSubmissionException(SubmissionError.NoValidators, selection.Shortage!);
        }
        // Enough trusted validators exist, all busy: the registry queued the job, which waits rather than being refused.
        var cohort = selection.Found ? selection : null;
        var requester = RequesterOf(submission.Requester);
        var storedBytes = submission.Module.Length + (submission.Private?.SealedInput.ToBytes().Length ?? submission.PublicInput.Length);
        try
        {
            await requester.AdmitAsync(new RequesterClaim(JobId, storedBytes, Queued: cohort is null));
        }
        catch (RequesterLimitException)
        {
            // Whatever the selection reserved or queued goes back: nothing of the job is stored.
            Registry.ReleaseAsync(JobId, null).Ignore();
            throw;
        }
        var account = AccountOf(submission.Requester);
        var fees = FeesFor(submission, storedBytes);
        try
        {
            await account.HoldAsync(new AccountHold(JobId, fees.Held, IsPublic: !submission.IsPrivate));
        }
        catch (InsufficientCreditsException)
        {
            Registry.ReleaseAsync(JobId, null).Ignore();
            await requester.WithdrawAsync(JobId);
            throw;
        }
        try
        {
            return await StoreSubmissionAsync(submission, cohort, privacy is not null, storedBytes, fees);
        }
        catch
        {
            await account.ReleaseAsync(JobId);
            await requester.WithdrawAsync(JobId);
            throw;
        }
    }

    /// <summary>The job's prices, and its hold: its fuel limit paid K times and its bytes stored for the whole retention.</summary>
    private StoredFees FeesFor(JobSubmission submission, long storedBytes)
    {
        var fees = _options.Fees;
        var storage = JobCharges.Storage(storedBytes, fees.StoragePricePerByteDay, _options.Retention);
        return new StoredFees(fees.PricePerFuelUnit, storage,
            JobCharges.Hold(submission.Limits.Fuel, submission.Replication, storedBytes, fees, _options.Retention));
    }

    private async Task<JobStatus> StoreSubmissionAsync(JobSubmission submission, CohortSelection? cohort, bool isPrivate, long storedBytes, StoredFees fees)
    {
        if (cohort is null)
        {
            metrics.JobWaitedForCapacity();
        }

        // The module is stored once under its hash before the job that refers to it.
        _module = submission.Module.ToArray();
        Stored.ModuleHash = ModuleKey.For(_module);
        await GrainFactory.GetGrain<IModuleGrain>(Stored.ModuleHash).StoreAsync(_module, JobId);
        Stored.Limits = submission.Limits;
        Stored.Replication = submission.Replication;
        Stored.Requester = submission.Requester.ToBytes();
        Stored.Statement = submission.Statement.Statement.ToBytes();
        Stored.StatementSignature = submission.Statement.Signature.ToBytes();
        await StoreInputAsync(submission.Private is { } sealedInput ? sealedInput.SealedInput.ToBytes() : submission.PublicInput.ToArray());
        Stored.Private = submission.Private is { } input
            ? new StoredPrivateInput(input.InputCommitment.ToBytes(), input.Nonce.ToBytes(), input.OwnershipProof.ToBytes(), input.HandOutKey.ToBytes())
            : null;
        Stored.SubmittedAt = Now;
        Stored.DistributionDeadline = Now + submission.Limits.DistributionTimeout;
        Stored.StoredBytes = storedBytes;
        Stored.Fees = fees;
        Stored.Lifecycle = JobLifecycle.Submitted(isPrivate);
        if (cohort is not null)
        {
            EnterAttempt(cohort);
        }
        // The reminder first: a stored job must never be left without something that drives it.
        await this.RegisterOrUpdateReminder(DeadlineReminder, _options.DeadlineCheckPeriod, _options.DeadlineCheckPeriod);
        await StoreTransitionAsync();
        LogSubmitted(logger, JobId, isPrivate, Stored.Replication);
        if (cohort is not null)
        {
            await StartAttemptAsync([]);
        }
        return await StatusAsync();
    }

    public async Task<JobStatus> DeliverKeysAsync(int attempt, IReadOnlyDictionary<string, WrappedJobKey> wrappedKeys, SchnorrSignature signature)
    {
        ArgumentNullException.ThrowIfNull(wrappedKeys);
        using var span = JobSpan.Start(ComputeTelemetry.Jobs, "job keys", logger, JobId, attempt);
        ArgumentNullException.ThrowIfNull(signature);
        EnsureExists();
        if (Stored.Private is not { } input)
        {
            throw new KeyDeliveryException($"Job '{JobId}' is public: it takes no keys.");
        }
        // Before anything else: only the requester (through the hand-out key it delegated at submission) may hand out.
        if (attempt < 1 || !KeyHandOut.Verify(PublicKey.FromBytes(input.HandOutKey), JobId, attempt, wrappedKeys, signature))
        {
            throw new KeyHandOutDeniedException("The hand-out is not signed by the job's hand-out key over this job, attempt and keys.");
        }
        // Also a repeated hand-out for an attempt that has its keys: the client learns it was already done.
        if (Lifecycle.State != JobState.AwaitingKeys)
        {
            throw new KeyDeliveryException($"Job '{JobId}' does not await keys: it is {Lifecycle.State}.");
        }
        if (attempt != Lifecycle.Attempt)
        {
            throw new KeyDeliveryException($"The keys are for attempt {attempt}, but job '{JobId}' is at attempt {Lifecycle.Attempt}.");
        }
        var cohort = Lifecycle.Cohort.ToHashSet(StringComparer.Ordinal);
        if (!cohort.SetEquals(wrappedKeys.Keys))
        {
            throw new KeyDeliveryException(
                $"The hand-out must hold one wrapped key for each member of the cohort ({string.Join(", ", Lifecycle.Cohort)}) and no other.");
        }

        Stored.WrappedKeys = wrappedKeys.ToDictionary(pair => pair.Key, pair => pair.Value.ToBytes(), StringComparer.Ordinal);
        Stored.Lifecycle = Lifecycle.DeliverKeys();
        // One write for both transitions: the stored Executing state holds the keys, and a restart dispatches from it.
        await StartExecutingAsync([]);
        return await StatusAsync();
    }

    public Task<JobStatus> GetStatusAsync()
    {
        EnsureExists();
        return StatusAsync();
    }

    public async Task<JobStatus> WaitForChangeAsync(long afterVersion, TimeSpan maxWait, CancellationToken cancellationToken)
    {
        EnsureExists();
        var wait = maxWait < TimeSpan.Zero ? TimeSpan.Zero : maxWait > JobWatch.MaxWait ? JobWatch.MaxWait : maxWait;
        var until = Now + wait;
        if (wait == TimeSpan.Zero || Stored.Version > afterVersion || Lifecycle.IsTerminal)
        {
            return await StatusAsync();
        }
        // A wait that may last counts against the requester's watches, whoever watches and on whichever silo.
        var requester = RequesterOf(PublicKey.FromBytes(Stored.Requester));
        var lease = await requester.OpenWatchAsync(JobId, wait);
        try
        {
            await WaitUntilChangedAsync(afterVersion, until, cancellationToken);
        }
        finally
        {
            await requester.CloseWatchAsync(lease);
        }
        return await StatusAsync();
    }

    private async Task WaitUntilChangedAsync(long afterVersion, DateTimeOffset until, CancellationToken cancellationToken)
    {
        // A loop, since a watcher may ask past the current version: each wake-up is one stored transition.
        while (Stored.Version <= afterVersion && !Lifecycle.IsTerminal && Now < until)
        {
            try
            {
                await _watchers.Next.WaitAsync(until - Now, time, cancellationToken);
            }
            catch (TimeoutException)
            {
                break;
            }
        }
    }

    public Task<ResultChallenge> CreateResultChallengeAsync()
    {
        EnsureExists();
        return Task.FromResult(Challenges.Issue(Now));
    }

    public Task<JobResult> GetResultAsync(ResultChallenge challenge, SchnorrSignature signature)
    {
        var result = AuthorisedResult(challenge, signature);
        var fee = Stored.Fees is { } fees
            ? (UInt128)(ulong)ChargeFor(result.FuelUsed, fees)
            : FeeLedger.Compute(result.FuelUsed, result.PricePerFuelUnit);
        return Task.FromResult(new JobResult(
            JobId, Lifecycle.Attempt, result.Status, result.Code, result.Output, Lifecycle.Digest!, result.FuelUsed,
            fee, PrivacyContext(), result.Receipt));
    }

    public async Task<NoteInclusionProof> GetNoteProofAsync(ResultChallenge challenge, SchnorrSignature signature)
    {
        var result = AuthorisedResult(challenge, signature);
        if (result.NotePosition is not { } position || result.Receipt is not { } receipt || JobReceipt.FromBytes(receipt).Note is not { } note)
        {
            throw new NoNoteException($"Job '{JobId}' has no note in the tree: only a private job's output is a note.");
        }
        var proof = await NoteTree.ProveAsync(position);
        return new NoteInclusionProof(JobId, note, NotePath.FromBytes(proof.Path), proof.TreeSize, proof.Root, receipt);
    }

    /// <summary>The stored result, for a request the requester signed over a fresh challenge; the challenge is used up.</summary>
    private StoredResult AuthorisedResult(ResultChallenge challenge, SchnorrSignature signature)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(signature);
        EnsureExists();
        if (!Challenges.IsOpen(challenge.Nonce.Span, Now))
        {
            throw new ResultAccessDeniedException("The challenge is unknown, already used or expired: request a fresh one.");
        }
        if (!ResultAuthorization.Verify(PublicKey.FromBytes(Stored.Requester), JobId, challenge.Nonce.Span, signature))
        {
            throw new ResultAccessDeniedException("The signature is not the requester's over this job and challenge.");
        }
        // The requester's signature uses the challenge up, so a signed request works once.
        Challenges.Use(challenge.Nonce.Span, Now);
        if (Lifecycle.State != JobState.Finalised || Stored.Result is not { } result)
        {
            throw new ResultNotReadyException(JobId, Lifecycle.State, Lifecycle.Reason);
        }
        return result;
    }

    public async Task<JobStatus> CancelAsync(ResultChallenge challenge, SchnorrSignature signature)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(signature);
        using var span = JobSpan.Start(ComputeTelemetry.Jobs, "job cancel", logger, JobId);
        EnsureExists();
        if (!Challenges.IsOpen(challenge.Nonce.Span, Now))
        {
            throw new CancelDeniedException("The challenge is unknown, already used or expired: request a fresh one.");
        }
        if (!CancelAuthorization.Verify(PublicKey.FromBytes(Stored.Requester), JobId, challenge.Nonce.Span, signature))
        {
            throw new CancelDeniedException("The signature is not the requester's cancel of this job over this challenge.");
        }
        Challenges.Use(challenge.Nonce.Span, Now);
        if (Lifecycle.IsTerminal)
        {
            throw new JobAlreadyFinalException(JobId, Lifecycle.State);
        }
        // The attempt first, so no vote can decide it once the job is cancelled, and its members are not held to it.
        if (Lifecycle.Attempt > 0)
        {
            await CurrentQuorum.AbandonAsync();
        }
        // Before the job is final, as a settlement is: nothing was agreed and nobody ran it for the requester's sake, so
        // the whole hold goes back. A crash in between leaves the job running; cancelling again finishes it.
        if (Stored.Fees is not null)
        {
            await AccountOf(PublicKey.FromBytes(Stored.Requester)).ReleaseAsync(JobId);
        }
        Stored.Lifecycle = Lifecycle.Cancel();
        Stored.StepDeadline = null;
        Stored.FinishedAt = Now;
        Stored.WrappedKeys.Clear();
        await StoreTransitionAsync();
        Registry.ReleaseAsync(JobId, null).Ignore();
        LogCancelled(logger, JobId, Lifecycle.Attempt);
        await EndAsync();
        return await StatusAsync();
    }

    public Task OnAttemptDecidedAsync(QuorumDecision decision) => ApplyDecisionAsync(decision);

    public async Task OnCapacityFreedAsync()
    {
        // Through AdvanceAsync, so a job woken after its distribution timeout is rejected rather than assigned.
        if (state.RecordExists && Lifecycle.State is JobState.Submitted or JobState.Retrying)
        {
            await AdvanceAsync();
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == RetentionReminder)
        {
            await ForgetAsync();
            return;
        }
        if (!state.RecordExists || Lifecycle.IsTerminal)
        {
            await StopRemindingAsync();
            return;
        }
        await AdvanceAsync();
    }

    /// <summary>Moves a job that waits on nothing but time, or that a restart interrupted.</summary>
    private async Task AdvanceAsync()
    {
        if (Now >= Stored.DistributionDeadline)
        {
            await GiveUpAsync();
            return;
        }
        switch (Lifecycle.State)
        {
            case JobState.Executing:
                var pastDeadline = Now >= Stored.StepDeadline;
                var snapshot = pastDeadline ? await CurrentQuorum.CloseAsync() : await CurrentQuorum.GetSnapshotAsync();
                if (snapshot.Decision is { } decision)
                {
                    await ApplyDecisionAsync(decision);
                }
                else if (_dispatchedAttempt != Lifecycle.Attempt)
                {
                    await StartAttemptAsync(snapshot.Replied);
                }
                else if (!pastDeadline && _busy.Except(snapshot.Replied).ToList() is { Count: > 0 } busy)
                {
                    var job = await SpecAsync();
                    await Task.WhenAll(Stored.Cohort.Where(member => busy.Contains(member.ValidatorId)).Select(member => DispatchAsync(job, member)));
                }
                break;
            case JobState.AwaitingKeys when Now >= Stored.StepDeadline:
                await RejectAsync(JobRejectionReason.KeyHandOutTimeout, $"The requester did not hand out the job key to the cohort of attempt {Lifecycle.Attempt} " +
                    $"within {_options.KeyHandOutTimeout}.");
                break;
            case JobState.AwaitingKeys:
                await EnsureQuorumOpenAsync();
                break;
            case JobState.KeysDelivered:
                await StartExecutingAsync([]);
                break;
            case JobState.Submitted or JobState.Retrying:
                await TryAssignAsync();
                break;
        }
    }

    /// <summary>The distribution timeout passed: a decision reached at the last moment still counts.</summary>
    private async Task GiveUpAsync()
    {
        if (Lifecycle.State == JobState.Executing && (await CurrentQuorum.CloseAsync()).Decision is { Kind: AgreementOutcomeKind.Finalised } decision)
        {
            await ApplyDecisionAsync(decision);
            return;
        }
        await RejectAsync(JobRejectionReason.DistributionTimeout, Lifecycle.State == JobState.Submitted
            ? $"No {Stored.Replication} validators had free capacity within the job's distribution timeout of {Stored.Limits.DistributionTimeout}."
            : $"The job did not finish within its distribution timeout of {Stored.Limits.DistributionTimeout}.");
    }

    private async Task ApplyDecisionAsync(QuorumDecision decision)
    {
        if (!state.RecordExists || Lifecycle.State != JobState.Executing || decision.Attempt != Lifecycle.Attempt)
        {
            return;
        }
        using var span = JobSpan.Start(ComputeTelemetry.Jobs, "job decision", logger, JobId, decision.Attempt);
        LogDecided(logger, JobId, decision.Attempt, decision.Kind);
        switch (decision.Kind)
        {
            case AgreementOutcomeKind.Finalised:
                var result = decision.Result!;
                // Before the job is final, so a crash in between settles again (idempotently) when it resumes.
                await Task.WhenAll(Enumerable.Range(1, decision.Attempt - 1).Select(earlier =>
                    GrainFactory.GetGrain<IResultQuorumGrain>(QuorumKey.For(JobId, earlier)).SettleAsync(result)));
                await SettleAccountAsync(decision.Attempt, result);
                // Also before: a crash before the job's write gets the same position again, the tree keeping it until acknowledged.
                long? notePosition = result.Note is { } note ? await NoteTree.AppendAsync(JobId, note) : null;
                Stored.Result = new StoredResult(
                    result.Status, result.Code, result.Output.ToArray(), result.FuelUsed, _options.Fees.PricePerFuelUnit,
                    ReceiptAssembly.Build(Statement(), decision.Attempt, Stored.Profile!, Stored.Cohort, result), notePosition);
                Stored.Lifecycle = Lifecycle.Finalise(result.Digest, result.FuelUsed);
                Stored.StepDeadline = null;
                Stored.FinishedAt = Now;
                Stored.WrappedKeys.Clear();
                await StoreTransitionAsync();
                if (notePosition is not null)
                {
                    await NoteTree.AcknowledgeAsync(JobId);
                }
                Registry.ReleaseAsync(JobId, null).Ignore();
                metrics.JobFinalised(Now - Stored.SubmittedAt);
                await EndAsync();
                break;
            case AgreementOutcomeKind.Retry:
                if (ReceiptAssembly.FailedAttempt(decision.Attempt, Stored.Profile!, Stored.Cohort, decision.Evidence) is { } disagreed)
                {
                    Stored.DisagreedAttempts.Add(new RejectionReceipt(Statement(), CertifiedRejectionReason.Disagreement, [disagreed]).ToBytes());
                }
                Stored.Lifecycle = Lifecycle.Retry(decision.Reason!);
                Stored.Suspects.UnionWith(decision.Faulted);
                Stored.StepDeadline = null;
                // The next cohort gets keys wrapped to it; these opened the job for a cohort that is done.
                Stored.WrappedKeys.Clear();
                await StoreTransitionAsync();
                Registry.ReleaseAsync(JobId, null).Ignore();
                metrics.JobRetried();
                await AdvanceAsync();
                break;
            default:
                var code = decision.RejectionCode ?? JobRejectionReason.Disagreement;
                await RejectAsync(code, decision.Reason!, CertifiedRejection(decision, code));
                break;
        }
    }

    /// <summary>Starts the next attempt (the first, for a job that waited) if a cohort is free.</summary>
    private async Task TryAssignAsync()
    {
        var waitedForFirstCohort = Lifecycle.Attempt == 0;
        var selection = await Registry.SelectCohortAsync(
            JobId, Stored.Replication, Lifecycle.Cohort, Stored.Suspects, ReservationLease(Stored.Limits, Lifecycle.IsPrivate));
        if (!selection.Found)
        {
            // Stay where it is: the registry wakes a job it queued when load falls, and the reminder tries again
            // until the distribution timeout in any case.
            LogNoCohort(logger, JobId, selection.Shortage!);
            if (selection.OnlyBusy)
            {
                metrics.JobWaitedForCapacity();
            }
            return;
        }
        EnterAttempt(selection);
        await StoreTransitionAsync();
        if (waitedForFirstCohort)
        {
            await RequesterOf(PublicKey.FromBytes(Stored.Requester)).AssignedAsync(JobId);
        }
        await StartAttemptAsync([]);
    }

    /// <summary>
    /// The receipt of a rejection the cohorts certify: every member of the last attempt reported the wall clock, or every
    /// attempt's votes (the earlier ones kept as they failed) left no result able to reach the threshold. Null otherwise.
    /// </summary>
    private byte[]? CertifiedRejection(QuorumDecision decision, string code)
    {
        CertifiedRejectionReason? reason = code switch
        {
            JobRejectionReason.WallClockLimit => CertifiedRejectionReason.WallClock,
            JobRejectionReason.Disagreement => CertifiedRejectionReason.Disagreement,
            _ => null,
        };
        if (reason is not { } certified
            || ReceiptAssembly.FailedAttempt(decision.Attempt, Stored.Profile!, Stored.Cohort, decision.Evidence) is not { } last)
        {
            return null;
        }
        List<RejectedAttempt> attempts = certified == CertifiedRejectionReason.WallClock
            ? [last]
            : [.. Stored.DisagreedAttempts.Select(bytes => RejectionReceipt.FromBytes(bytes).Attempts[0]), last];
        return ReceiptAssembly.Rejection(Statement(), certified, attempts, _options.NetworkAuthority, _options.Agreement);
    }

    private async Task RejectAsync(string reasonCode, string reason, byte[]? receipt = null)
    {
        // Before the job is final, as for an agreed result: a rejection that a crash interrupts settles again, and only once.
        await SettleAccountAsync(Lifecycle.Attempt, null);
        Stored.Lifecycle = Lifecycle.Reject(reason);
        Stored.RejectionCode = reasonCode;
        Stored.RejectionReceipt = receipt;
        Stored.StepDeadline = null;
        Stored.FinishedAt = Now;
        Stored.WrappedKeys.Clear();
        await StoreTransitionAsync();
        // Whatever the attempt reserved (a cohort that waited for keys, never ran) is free for other jobs now.
        Registry.ReleaseAsync(JobId, null).Ignore();
        LogRejected(logger, JobId, reason);
        metrics.JobRejected(reasonCode, Now - Stored.SubmittedAt);
        await EndAsync();
    }

    /// <summary>
    /// Settles the job's hold: an agreed result (a trap too) is charged its fuel for each of the K executions and its storage,
    /// shared out between the members that agreed; a rejected job (<paramref name="result"/> null), whose cohorts never agreed
    /// on anything to pay for, only its storage. The rest of the hold goes back. Exactly once: the hold is keyed by the job.
    /// </summary>
    private async Task SettleAccountAsync(int attempt, AgreedResult? result)
    {
        if (Stored.Fees is not { } fees)
        {
            return;
        }
        var charge = result is null ? fees.StorageCharge : ChargeFor(result.FuelUsed, fees);
        var shares = result is null ? [] : Shares(result, JobCharges.Compute(result.FuelUsed, fees.PricePerFuelUnit, Stored.Replication));
        await AccountOf(PublicKey.FromBytes(Stored.Requester)).SettleAsync(
            new AccountSettlement(JobId, attempt, charge, shares, IsPublic: !Lifecycle.IsPrivate));
    }

    private long ChargeFor(long fuelUsed, StoredFees fees) =>
        Math.Min(fees.Held, JobCharges.Compute(fuelUsed, fees.PricePerFuelUnit, Stored.Replication) + fees.StorageCharge);

    /// <summary>The compute charge split between the agreeing members, in cohort order; storage goes to nobody.</summary>
    private List<ValidatorShare> Shares(AgreedResult result, long computeCharge)
    {
        var agreed = result.Votes.Select(vote => vote.ValidatorId).ToHashSet(StringComparer.Ordinal);
        var members = Stored.Cohort.Where(member => agreed.Contains(member.ValidatorId)).ToList();
        if (members.Count == 0)
        {
            return [];
        }
        var amounts = JobCharges.Shares(computeCharge, members.Count);
        return [.. members.Select((member, i) => new ValidatorShare(member.ValidatorId, member.PublicKey, amounts[i]))];
    }

    /// <summary>Assigns the next attempt in memory; the caller writes it before acting on it.</summary>
    private void EnterAttempt(CohortSelection selection)
    {
        var cohort = selection.Cohort;
        Stored.Cohort = [.. cohort.Select((member, i) => new StoredMember(
            member.ValidatorId, member.PublicKey.ToBytes(), selection.Certificates[i].ToBytes()))];
        Stored.Profile = selection.Profile;
        Stored.WrappedKeys = new(StringComparer.Ordinal);
        Stored.AttemptStartedAt.Add(Now);
        _busy.Clear();
        metrics.CohortSelected(cohort);
        var assigned = Lifecycle.Assign(cohort.Select(member => member.ValidatorId));
        if (assigned.IsPrivate)
        {
            Stored.Lifecycle = assigned.AwaitKeys();
            Stored.StepDeadline = Now + _options.KeyHandOutTimeout;
        }
        else
        {
            Stored.Lifecycle = assigned.StartExecuting();
            Stored.StepDeadline = Now + AttemptTimeout;
        }
    }

    /// <summary>Stores a transition under the next version, then wakes its watchers: they never see a state that could be lost.</summary>
    private async Task StoreTransitionAsync()
    {
        Stored.Version++;
        await state.WriteStateAsync();
        _watchers.Wake();
    }

    private TimeSpan AttemptTimeout => Stored.Limits.WallClock + _options.AttemptGrace;

    /// <summary>
    /// How long a cohort stays reserved if the job never releases it: the attempt's longest life (the key hand-out,
    /// then the execution). Normally the job releases each member once it has its assignment.
    /// </summary>
    private TimeSpan ReservationLease(ResourceLimits limits, bool isPrivate) =>
        (isPrivate ? _options.KeyHandOutTimeout : TimeSpan.Zero) + limits.WallClock + _options.AttemptGrace;

    private async Task StartExecutingAsync(IReadOnlyCollection<string> replied)
    {
        Stored.Lifecycle = Lifecycle.StartExecuting();
        Stored.StepDeadline = Now + AttemptTimeout;
        await StoreTransitionAsync();
        await StartAttemptAsync(replied);
    }

    /// <summary>
    /// Opens the attempt's quorum and, once executing, has it close at the attempt's deadline and sends the
    /// assignment to members that have not replied.
    /// </summary>
    private async Task StartAttemptAsync(IReadOnlyCollection<string> replied)
    {
        await EnsureQuorumOpenAsync();
        if (Lifecycle.State != JobState.Executing)
        {
            return;
        }
        await CurrentQuorum.ScheduleCloseAsync(Stored.StepDeadline!.Value);
        _dispatchedAttempt = Lifecycle.Attempt;
        var job = await SpecAsync();
        await Task.WhenAll(Stored.Cohort.Where(member => !replied.Contains(member.ValidatorId)).Select(member => DispatchAsync(job, member)));
    }

    private async Task EnsureQuorumOpenAsync()
    {
        if (_openedAttempt == Lifecycle.Attempt)
        {
            return;
        }
        await CurrentQuorum.OpenAsync(new QuorumSetup(
            JobId, Lifecycle.Attempt, CohortMembers(), _options.Agreement, Stored.Profile!, Statement().Statement.Hash()));
        _openedAttempt = Lifecycle.Attempt;
    }

    private async Task DispatchAsync(JobSpec job, StoredMember member)
    {
        try
        {
            var wrappedKey = job.IsPrivate ? WrappedJobKey.FromBytes(Stored.WrappedKeys[member.ValidatorId]) : null;
            var receipt = await GrainFactory.GetGrain<IValidatorGrain>(member.ValidatorId)
                .ExecuteAsync(new Assignment(job, Statement(), Lifecycle.Attempt, [.. Stored.Cohort.Select(cohortMember => cohortMember.ValidatorId)], wrappedKey));
            if (receipt == AssignmentReceipt.Busy)
            {
                _busy.Add(member.ValidatorId);
            }
            else
            {
                _busy.Remove(member.ValidatorId);
            }
            if (receipt != AssignmentReceipt.Accepted)
            {
                LogNotAccepted(logger, JobId, Lifecycle.Attempt, member.ValidatorId, receipt);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // An unreachable member is a missing vote: the attempt's deadline deals with it.
            LogDispatchFailed(logger, exception, JobId, Lifecycle.Attempt, member.ValidatorId);
        }
        // The member now counts its own execution (or has none to count): its slot is no longer held for the job.
        Registry.ReleaseAsync(JobId, member.ValidatorId).Ignore();
    }

    /// <summary>Keeps the input in the job's state when small, else (before the job's state refers to it) in its own grain.</summary>
    private async Task StoreInputAsync(byte[] input)
    {
        if (input.Length <= ComputeJobState.InlineInputBytes)
        {
            Stored.Input = input;
            return;
        }
        await InputGrain.StoreAsync(input);
        Stored.Input = null;
    }

    private IJobInputGrain InputGrain => GrainFactory.GetGrain<IJobInputGrain>(JobId);

    /// <summary>The job as submitted, as compute describes it: what every cohort member runs.</summary>
    private async Task<JobSpec> SpecAsync()
    {
        _module ??= await GrainFactory.GetGrain<IModuleGrain>(Stored.ModuleHash).ReadAsync();
        var jobInput = Stored.Input ?? await InputGrain.ReadAsync();
        var id = Compute.JobId.Parse(JobId);
        if (Stored.Private is not { } input)
        {
            return JobSpec.Public(id, _module, jobInput, Stored.Limits, Stored.Replication);
        }
        var envelope = new PrivateEnvelope(
            SealedInput.FromBytes(jobInput), PedersenCommitment.FromBytes(input.InputCommitment),
            PublicKey.FromBytes(Stored.Requester), OwnershipProof.FromBytes(input.OwnershipProof));
        return JobSpec.Private(id, _module, envelope, Stored.Limits, Stored.Replication);
    }

    private async Task<JobStatus> StatusAsync()
    {
        // Once the attempt ran, its quorum holds the votes: also those that decided a final job. A job rejected
        // while it waited for validators never had an attempt.
        var votes = Lifecycle.Attempt > 0 && Lifecycle.State is JobState.Executing or JobState.Finalised or JobState.Rejected or JobState.Cancelled
            ? (await CurrentQuorum.GetSnapshotAsync()).VotesCounted
            : 0;
        return new JobStatus
        {
            JobId = JobId,
            State = Lifecycle.State,
            IsPrivate = Lifecycle.IsPrivate,
            Requester = PublicKey.FromBytes(Stored.Requester),
            Attempt = Lifecycle.Attempt,
            Cohort = CohortMembers(),
            Certificates = CohortCertificates(),
            VotesReceived = votes,
            Threshold = _options.Agreement.Threshold(Stored.Replication),
            Elapsed = (Stored.FinishedAt ?? Now) - Stored.SubmittedAt,
            AwaitingKeys = Lifecycle.State == JobState.AwaitingKeys,
            Privacy = PrivacyContext(),
            Digest = Lifecycle.Digest,
            Reason = Lifecycle.Reason,
            RejectionCode = Stored.RejectionCode,
            RejectionReceipt = Stored.RejectionReceipt,
            Profile = Stored.Profile,
            Version = Stored.Version,
            Statement = Statement(),
            Replication = Stored.Replication,
            SubmittedAt = Stored.SubmittedAt,
            AttemptStartedAt = [.. Stored.AttemptStartedAt],
            FinishedAt = Stored.FinishedAt,
            FeeHeld = Lifecycle.IsPrivate ? null : Stored.Fees?.Held,
            Fee = Lifecycle.IsPrivate ? null : Fee(),
        };
    }

    /// <summary>What the job was charged once final: its agreed fuel and storage, its storage alone once rejected, nothing once cancelled.</summary>
    private long? Fee() => (Stored.Fees, Lifecycle.State, Stored.Result) switch
    {
        ({ } fees, JobState.Finalised, { } result) => ChargeFor(result.FuelUsed, fees),
        ({ } fees, JobState.Rejected, _) => fees.StorageCharge,
        ({ }, JobState.Cancelled, _) => 0,
        _ => null,
    };

    private SignedJobStatement Statement() => SignedJobStatement.FromBytes(Stored.Statement, Stored.StatementSignature);

    /// <summary>The members' certificates in cohort order; none for a cohort stored before cohorts carried them.</summary>
    private IReadOnlyList<ValidatorCertificate> CohortCertificates() =>
        Stored.Cohort.All(member => member.Certificate is not null)
            ? [.. Stored.Cohort.Select(member => ValidatorCertificate.FromBytes(member.Certificate))]
            : [];

    private IReadOnlyList<CohortMember> CohortMembers() =>
        [.. Stored.Cohort.Select(member => new CohortMember(member.ValidatorId, PublicKey.FromBytes(member.PublicKey)))];

    private PrivateJobContext? PrivacyContext() => Stored.Private is { } input
        ? new PrivateJobContext(JobId, Convert.FromHexString(Stored.ModuleHash), PedersenCommitment.FromBytes(input.InputCommitment),
            PublicKey.FromBytes(Stored.Requester), JobNonce.FromBytes(input.Nonce))
        : null;

    private void EnsureExists()
    {
        if (!state.RecordExists || Stored.Lifecycle is null)
        {
            // Asking about a job that does not exist leaves nothing behind, not even an idle activation.
            DeactivateOnIdle();
            throw new UnknownJobException(JobId);
        }
    }

    /// <summary>
    /// A final job is kept for <see cref="ComputeOptions.Retention"/> (a durable reminder), then forgotten. Until then it
    /// only answers status and result requests, which its stored state serves: the activation (with the module and
    /// input it held) goes once idle instead of after Orleans' default collection age.
    /// </summary>
    private async Task EndAsync()
    {
        // A private job's fuel and fee follow from its private input, so they stay out of the log as out of /metrics.
        if (Lifecycle.IsPrivate)
        {
            LogPrivateFinished(logger, JobId, Lifecycle.State, Lifecycle.Attempt);
        }
        else
        {
            LogFinished(logger, JobId, Lifecycle.State, Lifecycle.Attempt, Stored.Result?.FuelUsed ?? 0, Fee() ?? 0);
        }
        await RequesterOf(PublicKey.FromBytes(Stored.Requester)).FinishedAsync(JobId);
        await StopRemindingAsync();
        await this.RegisterOrUpdateReminder(RetentionReminder, _options.Retention, _options.Retention);
        _module = null;
        DeactivateOnIdle();
    }

    /// <summary>
    /// Removes the job's state, its attempts' quorums and its use of the module: the result and everything it was made
    /// from (the module itself goes with the last job that uses it).
    /// </summary>
    private async Task ForgetAsync()
    {
        if (state.RecordExists && Stored.Lifecycle is { IsTerminal: true } lifecycle)
        {
            await Task.WhenAll(Enumerable.Range(1, lifecycle.Attempt).Select(attempt =>
                GrainFactory.GetGrain<IResultQuorumGrain>(QuorumKey.For(JobId, attempt)).ForgetAsync()));
            if (Stored.Input is null)
            {
                await InputGrain.RemoveAsync();
            }
            var module = GrainFactory.GetGrain<IModuleGrain>(Stored.ModuleHash);
            var (requester, storedBytes) = (RequesterOf(PublicKey.FromBytes(Stored.Requester)), Stored.StoredBytes);
            if (Stored.Result?.NotePosition is not null)
            {
                // Again, in case a crash lost the acknowledgement given at finalisation.
                await NoteTree.AcknowledgeAsync(JobId);
            }
            await state.ClearStateAsync();
            // After the job's own state: the module and the requester's bytes are released at most once per job (a crash
            // in between only keeps them).
            await module.ReleaseAsync();
            await requester.ForgottenAsync(JobId, storedBytes);
            LogForgotten(logger, JobId);
        }
        if (await this.GetReminder(RetentionReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        DeactivateOnIdle();
    }

    private async Task StopRemindingAsync()
    {
        if (await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} submitted (private: {IsPrivate}, K={Replication})")]
    private static partial void LogSubmitted(ILogger logger, string jobId, bool isPrivate, int replication);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} attempt {Attempt} decided: {Outcome}")]
    private static partial void LogDecided(ILogger logger, string jobId, int attempt, AgreementOutcomeKind outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} cancelled by its requester at attempt {Attempt}")]
    private static partial void LogCancelled(ILogger logger, string jobId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Submission of job {JobId} refused: {Error} (requester {Requester})")]
    private static partial void LogSubmissionRefused(ILogger logger, string jobId, string error, string requester);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} finished {State} after {Attempts} attempts: fuel {FuelUsed}, fee {Fee} credits")]
    private static partial void LogFinished(ILogger logger, string jobId, JobState state, int attempts, long fuelUsed, long fee);

    [LoggerMessage(Level = LogLevel.Information, Message = "Private job {JobId} finished {State} after {Attempts} attempts")]
    private static partial void LogPrivateFinished(ILogger logger, string jobId, JobState state, int attempts);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} removed: its retention ended")]
    private static partial void LogForgotten(ILogger logger, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} found no cohort for its next attempt: {Reason}")]
    private static partial void LogNoCohort(ILogger logger, string jobId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} attempt {Attempt}: validator {ValidatorId} answered {Receipt}")]
    private static partial void LogNotAccepted(ILogger logger, string jobId, int attempt, string validatorId, AssignmentReceipt receipt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {JobId} attempt {Attempt}: sending the assignment to {ValidatorId} failed")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception, string jobId, int attempt, string validatorId);
}
