using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// One attempt's votes. The tally is compute's <see cref="VoteTally"/>, rebuilt on activation by replaying
/// the stored votes; every change is stored before the job is told or reputation is applied. A durable
/// reminder closes the attempt at its deadline even when the job has moved on, so members that never voted
/// are penalised whether or not the quorum decided without them.
/// </summary>
[GrainType("result-quorum")]
internal sealed partial class ResultQuorumGrain(
    [PersistentState("quorum")] IPersistentState<QuorumState> state,
    IOptions<ComputeOptions> options,
    TimeProvider time,
    ILogger<ResultQuorumGrain> logger) : Grain, IResultQuorumGrain, IRemindable
{
    private const string CloseReminder = "close";

    private readonly Dictionary<string, PublicKey> _keys = new(StringComparer.Ordinal);
    private VoteTally? _tally;

    private QuorumState Stored => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Stored.JobId is null)
        {
            return;
        }
        Rebuild();
        // A crash can fall between persisting a change and applying the reputation it made certain; validators
        // apply each outcome once, so finishing that work here credits and penalises exactly once.
        await ApplyReputationAsync();
    }

    public async Task OpenAsync(QuorumSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        if (QuorumKey.For(setup.JobId, setup.Attempt) != this.GetPrimaryKeyString())
        {
            throw new ArgumentException("The setup names another job or attempt than this quorum's key.", nameof(setup));
        }
        if (Stored.JobId is not null)
        {
            if (!Setup().SameAs(setup))
            {
                throw new InvalidOperationException($"Quorum {this.GetPrimaryKeyString()} was opened with another cohort.");
            }
            return;
        }
        Stored.JobId = setup.JobId;
        Stored.Attempt = setup.Attempt;
        Stored.Cohort = [.. setup.Cohort.Select(member => new StoredMember(member.ValidatorId, member.PublicKey.ToBytes()))];
        Stored.Agreement = setup.Agreement;
        Stored.Profile = setup.Profile;
        Stored.StatementHash = setup.StatementHash;
        Rebuild();
        await state.WriteStateAsync();
    }

    public async Task<VoteAcceptance> SubmitVoteAsync(SignedVote vote)
    {
        ArgumentNullException.ThrowIfNull(vote);
        using var span = JobSpan.Start(ComputeTelemetry.Quorum, "quorum vote", logger, vote.JobId, vote.Attempt, vote.ValidatorId);
        if (_tally is null)
        {
            return VoteAcceptance.NotOpen;
        }
        if (vote.JobId != Stored.JobId || vote.Attempt != Stored.Attempt)
        {
            return VoteAcceptance.WrongAttempt;
        }
        if (Stored.Abandoned)
        {
            return VoteAcceptance.Abandoned;
        }
        if (!_keys.TryGetValue(vote.ValidatorId, out var memberKey))
        {
            LogOutsider(logger, vote.ValidatorId, this.GetPrimaryKeyString());
            await PenaliseOutsiderAsync(vote);
            return VoteAcceptance.NotInCohort;
        }
        if (Stored.InvalidSigners.Contains(vote.ValidatorId))
        {
            return VoteAcceptance.AlreadyReplied;
        }
        // A vote about another statement or cohort than this attempt's is no evidence a requester could check: not judged here.
        if (!Setup().Subject.Matches(vote))
        {
            return VoteAcceptance.WrongAttempt;
        }
        if (!vote.VerifySignature(memberKey))
        {
            return await RecordInvalidSignatureAsync(vote.ValidatorId);
        }
        if (vote.Profile != Stored.Profile)
        {
            return VoteAcceptance.WrongProfile;
        }

        var wasEquivocator = _tally.Equivocators.Contains(vote.ValidatorId);
        var receipt = _tally.Add(new Vote(vote.ValidatorId, vote.Attempt, vote.Digest, vote.FuelUsed, vote.Note));
        if (receipt == VoteReceipt.Counted || (receipt == VoteReceipt.Equivocation && !wasEquivocator))
        {
            Stored.Votes.Add(new StoredVote(
                vote.ValidatorId, vote.Status, vote.Code, vote.Digest, vote.Output.Length, vote.FuelUsed, vote.Signature.ToBytes(),
                vote.OutputFingerprint, StoredNote.Write(vote.Note)));
            if (Stored.Decision is null)
            {
                Stored.Outputs.TryAdd(vote.Digest.ToString(), vote.Output.ToArray());
            }
            await AfterChangeAsync();
        }
        return receipt switch
        {
            VoteReceipt.Counted => VoteAcceptance.Counted,
            VoteReceipt.Duplicate => VoteAcceptance.Duplicate,
            VoteReceipt.Equivocation => VoteAcceptance.Equivocation,
            VoteReceipt.AlreadyReplied => VoteAcceptance.AlreadyReplied,
            VoteReceipt.WrongAttempt => VoteAcceptance.WrongAttempt,
            _ => VoteAcceptance.NotInCohort,
        };
    }

    public async Task RecordRefusalAsync(AssignmentRefusal refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        if (_tally is null || Stored.Abandoned || refusal.JobId != Stored.JobId || refusal.Attempt != Stored.Attempt || !_keys.ContainsKey(refusal.ValidatorId))
        {
            return;
        }
        // A refusal is a reply without a vote: the tally can decide without waiting for the deadline.
        if (_tally.AddTimeout(refusal.ValidatorId) == VoteReceipt.Counted)
        {
            Stored.Refusals.Add(new StoredRefusal(refusal.ValidatorId, refusal.Reason));
            await AfterChangeAsync();
        }
    }

    public async Task RecordWallClockAsync(WallClockReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (_tally is null || Stored.Abandoned || report.JobId != Stored.JobId || report.Attempt != Stored.Attempt || !_keys.ContainsKey(report.ValidatorId))
        {
            return;
        }
        // A report counts only signed, as a vote does: it is what certifies a rejection for the wall clock.
        if (report.Profile != Stored.Profile)
        {
            return;
        }
        if (!_keys[report.ValidatorId].Verify(WallClockReport.ClaimOf(Setup().Subject, Stored.Profile).Hash(), report.Signature))
        {
            await RecordInvalidSignatureAsync(report.ValidatorId);
            return;
        }
        if (_tally.AddTimeout(report.ValidatorId) == VoteReceipt.Counted)
        {
            Stored.WallClocked.Add(report.ValidatorId);
            Stored.WallClockSignatures[report.ValidatorId] = report.Signature.ToBytes();
            await AfterChangeAsync();
        }
    }

    public async Task ScheduleCloseAsync(DateTimeOffset deadline)
    {
        if (_tally is null || Stored.Closed || Stored.Abandoned || Stored.CloseAt == deadline)
        {
            return;
        }
        // Not written on its own: the durable reminder holds the deadline (it first fires then), and CloseAt goes with the
        // quorum's next write.
        Stored.CloseAt = deadline;
        var dueIn = deadline - time.GetUtcNow();
        await this.RegisterOrUpdateReminder(CloseReminder, dueIn > TimeSpan.Zero ? dueIn : TimeSpan.Zero, options.Value.DeadlineCheckPeriod);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Stored.CloseAt is { } deadline && time.GetUtcNow() < deadline && !Stored.Closed && !Stored.Abandoned)
        {
            return;
        }
        await CloseAsync();
        if (await this.GetReminder(CloseReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task SettleAsync(AgreedResult agreed)
    {
        ArgumentNullException.ThrowIfNull(agreed);
        if (_tally is null || Stored.Decision is not { Kind: not AgreementOutcomeKind.Finalised })
        {
            return;
        }
        if (Stored.LaterAgreement is null)
        {
            Stored.LaterAgreement = new StoredAgreement(
                agreed.Status, agreed.Code, agreed.Output.Length, agreed.Digest, agreed.FuelUsed, agreed.OutputFingerprint,
                StoredNote.Write(agreed.Note));
            await state.WriteStateAsync();
        }
        await ApplyReputationAsync();
    }

    public async Task ForgetAsync()
    {
        if (await this.GetReminder(CloseReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
        await state.ClearStateAsync();
        _keys.Clear();
        _tally = null;
        DeactivateOnIdle();
    }

    public Task<QuorumSnapshot> GetSnapshotAsync() => Task.FromResult(Snapshot());

    public async Task AbandonAsync()
    {
        if (_tally is null || Stored.Abandoned || Stored.Decision is not null)
        {
            return;
        }
        Stored.Abandoned = true;
        await state.WriteStateAsync();
        if (await this.GetReminder(CloseReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    public async Task<QuorumSnapshot> CloseAsync()
    {
        // An abandoned attempt is never closed: closing would count its silent members as timed out.
        if (_tally is not null && !Stored.Closed && !Stored.Abandoned)
        {
            Stored.Closed = true;
            _tally.Close();
            await AfterChangeAsync();
        }
        return Snapshot();
    }

    private async Task<VoteAcceptance> RecordInvalidSignatureAsync(string member)
    {
        // A bad signature in the name of a member that already replied is ignored: it proves nothing about the member.
        if (_tally!.AddTimeout(member) == VoteReceipt.Counted)
        {
            Stored.InvalidSigners.Add(member);
            await AfterChangeAsync();
        }
        return VoteAcceptance.InvalidSignature;
    }

    private async Task AfterChangeAsync()
    {
        var decided = Stored.Decision is null
            && (EveryMemberRefused || EveryMemberHitWallClock || (_tally!.Outcome is not null && !AwaitingFurtherReplies));
        if (decided)
        {
            Stored.Decision = EveryMemberRefused ? RefusedByAll() : EveryMemberHitWallClock ? WallClockForAll() : DecisionOf(_tally!.Outcome!);
            // The decision holds the agreed output; the others were only ever needed to be able to decide.
            Stored.Outputs.Clear();
        }
        await state.WriteStateAsync();
        // Reputation first: the job picks its next cohort as soon as it hears, and must see this attempt's penalties.
        await ApplyReputationAsync();
        if (decided)
        {
            await GrainFactory.GetGrain<IAttemptListener>(Stored.JobId!).OnAttemptDecidedAsync(ToDecision(Stored.Decision!));
        }
    }

    /// <summary>
    /// Applies every outcome that is certain and not yet applied: provable misbehaviour at once, agreement and
    /// dissent once decided, silence once the attempt is closed.
    /// </summary>
    private async Task ApplyReputationAsync()
    {
        if (JobAtFault)
        {
            return;
        }
        var conduct = _tally!.Conduct();
        var due = Stored.Cohort
            .Select(member => (member.ValidatorId, Conduct: Stored.InvalidSigners.Contains(member.ValidatorId)
                ? MemberConduct.InvalidSignature
                : Settled(member.ValidatorId, conduct[member.ValidatorId])))
            .Where(pair => IsCertain(pair.Conduct) && !Stored.AppliedOutcomes.Contains(OutcomeKey(pair.ValidatorId, pair.Conduct)))
            .ToList();
        if (due.Count == 0)
        {
            return;
        }
        foreach (var (member, memberConduct) in due)
        {
            try
            {
                await GrainFactory.GetGrain<IValidatorGrain>(member)
                    .ApplyReputationAsync(new ReputationOutcome(Stored.JobId!, Stored.Attempt, memberConduct));
                Stored.AppliedOutcomes.Add(OutcomeKey(member, memberConduct));
            }
            catch (ValidatorOfflineException)
            {
                // Its silo is gone, and the validator with it: its outcome stays due (applied if this quorum changes
                // again while it is back), and the decision must still reach the job.
                LogOffline(logger, member, this.GetPrimaryKeyString());
            }
        }
        await state.WriteStateAsync();
    }

    /// <summary>
    /// A vote this attempt could not judge (its cohort never agreed) is judged by what a later attempt agreed on,
    /// so a validator that lies in every cohort it joins is caught even when each of its cohorts needed all votes.
    /// </summary>
    private MemberConduct Settled(string member, MemberConduct conduct)
    {
        if (conduct != MemberConduct.Inconclusive || Stored.LaterAgreement is not { } later)
        {
            return conduct;
        }
        var vote = Stored.Votes.Last(vote => vote.ValidatorId == member);
        // A note is the same in every attempt (its blinding comes from the job key), so it compares across attempts.
        if (vote.Status != later.Status || vote.Code != later.Code || vote.FuelUsed != later.FuelUsed || vote.OutputLength != later.OutputLength
            || !Equals(vote.ReadNote(), StoredNote.Read(later.Note)))
        {
            return MemberConduct.Dissented;
        }
        if (later.OutputFingerprint is null)
        {
            return vote.Digest == later.Digest ? MemberConduct.Agreed : MemberConduct.Dissented;
        }
        // A private output is sealed under a key bound to the attempt: its bytes compare only within this attempt.
        if (vote.OutputFingerprint != later.OutputFingerprint)
        {
            return MemberConduct.Dissented;
        }
        return SealedAgreedOutput(later.OutputFingerprint) is { } honest
            ? vote.Digest == honest ? MemberConduct.Agreed : MemberConduct.Dissented
            : MemberConduct.Inconclusive;
    }

    /// <summary>
    /// The digest most of this attempt's votes with the agreed fingerprint carry: the honest sealing of the agreed
    /// output, since honest members seal one output identically. A vote that claims the fingerprint with other sealed
    /// bytes lies about one of them. With no strict majority nobody here can tell which.
    /// </summary>
    private ResultDigest? SealedAgreedOutput(ResultDigest fingerprint)
    {
        var claims = Stored.Votes
            .GroupBy(vote => vote.ValidatorId)
            .Select(votes => votes.Last())
            .Where(vote => vote.OutputFingerprint == fingerprint)
            .ToList();
        return claims
            .GroupBy(vote => vote.Digest)
            .FirstOrDefault(digest => digest.Count() * 2 > claims.Count)?.Key;
    }

    private bool IsCertain(MemberConduct conduct) => conduct switch
    {
        MemberConduct.Equivocated or MemberConduct.InvalidSignature => true,
        MemberConduct.Agreed or MemberConduct.Dissented => Stored.Decision is not null,
        MemberConduct.TimedOut => Stored.Closed,
        _ => false,
    };

    private static string OutcomeKey(string member, MemberConduct conduct) => $"{member}/{conduct}";

    /// <summary>
    /// When the whole cohort refused, the fault is the job's (a proof, key or input every member found wrong),
    /// so nobody is penalised and retrying would only hand the same job to more members. A partial refusal
    /// proves nothing: those members count as silent.
    /// </summary>
    private bool EveryMemberRefused => Stored.Refusals.Count == Stored.Cohort.Count;

    /// <summary>
    /// When the whole cohort's executions hit the wall-clock limit, the job runs longer than the limit its requester
    /// chose allows (an infinite loop, or too short a limit): the same job would time out on any cohort, so nobody is
    /// penalised and it is rejected rather than retried. Otherwise anyone could drain validators' reputation with
    /// public jobs that never end. A member that hits the limit while others vote still timed out.
    /// </summary>
    private bool EveryMemberHitWallClock => Stored.WallClocked.Count == Stored.Cohort.Count;

    /// <summary>The whole cohort answered the same way, and the answer blames the job: nobody's reputation changes.</summary>
    private bool JobAtFault => EveryMemberRefused || EveryMemberHitWallClock;

    /// <summary>
    /// A refusal or a wall-clock report makes agreement impossible at once, but retrying is right only if the job is
    /// not at fault: while other members may still answer the same, a failed attempt waits for their replies (or the
    /// deadline).
    /// </summary>
    private bool AwaitingFurtherReplies =>
        (Stored.Refusals.Count > 0 || Stored.WallClocked.Count > 0)
        && _tally!.Replies < _tally.CohortSize && _tally.Outcome!.Kind != AgreementOutcomeKind.Finalised;

    private bool Refused(string member) => Stored.Refusals.Any(refusal => refusal.ValidatorId == member);

    private StoredDecision RefusedByAll() => new(
        AgreementOutcomeKind.Reject,
        $"Every member of attempt {Stored.Attempt}'s cohort refused to run the job: {Stored.Refusals[0].Reason}",
        ExecutionStatus.Ok, 0, [], null, 0, RejectionCode: JobRejectionReason.RefusedByCohort);

    private StoredDecision WallClockForAll() => new(
        AgreementOutcomeKind.Reject,
        $"Every member of attempt {Stored.Attempt}'s cohort hit the job's wall-clock limit: the job runs longer than its limit allows.",
        ExecutionStatus.Ok, 0, [], null, 0, RejectionCode: JobRejectionReason.WallClockLimit);

    /// <summary>
    /// A vote signed by a registered validator for an attempt whose cohort does not include it proves that it
    /// claimed a result it was never asked for; an unsigned or foreign-signed one proves nothing and is only refused.
    /// </summary>
    private async Task PenaliseOutsiderAsync(SignedVote vote)
    {
        var outcomeKey = OutcomeKey(vote.ValidatorId, MemberConduct.VotedOutsideCohort);
        if (_tally is null || Stored.AppliedOutcomes.Contains(outcomeKey))
        {
            return;
        }
        var validators = await GrainFactory.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key).GetValidatorsAsync();
        if (validators.FirstOrDefault(validator => validator.ValidatorId == vote.ValidatorId) is not { } sender
            || !vote.VerifySignature(sender.PublicKey))
        {
            return;
        }
        await GrainFactory.GetGrain<IValidatorGrain>(vote.ValidatorId)
            .ApplyReputationAsync(new ReputationOutcome(Stored.JobId!, Stored.Attempt, MemberConduct.VotedOutsideCohort));
        Stored.AppliedOutcomes.Add(outcomeKey);
        await state.WriteStateAsync();
    }

    private StoredDecision DecisionOf(AgreementOutcome outcome)
    {
        if (outcome.Kind != AgreementOutcomeKind.Finalised)
        {
            return new StoredDecision(outcome.Kind, outcome.Reason, ExecutionStatus.Ok, 0, [], null, 0);
        }
        var agreed = Stored.Votes.First(vote => vote.IsFor(outcome.Digest!, outcome.FuelUsed, outcome.Note));
        return new StoredDecision(
            outcome.Kind, null, agreed.Status, agreed.Code, Stored.Outputs[agreed.Digest.ToString()], outcome.Digest, agreed.FuelUsed,
            agreed.OutputFingerprint, Note: agreed.Note);
    }

    private QuorumDecision ToDecision(StoredDecision decision) => new(
        Stored.JobId!, Stored.Attempt, decision.Kind,
        decision.Digest is null ? null
            : new AgreedResult(
                decision.Status, decision.Code, decision.Output, decision.Digest, decision.FuelUsed, decision.OutputFingerprint,
                AgreeingVotes(decision.Digest, decision.FuelUsed, StoredNote.Read(decision.Note)), StoredNote.Read(decision.Note)),
        decision.Reason, Faulted(), decision.RejectionCode, decision.Kind == AgreementOutcomeKind.Finalised ? null : Evidence());

    /// <summary>
    /// The signed claims that certify why this attempt failed, in cohort order: every member's wall-clock report, or one
    /// vote of each member that voted when, even with every member without a vote counted as agreeing with the biggest
    /// group, no result reaches the threshold (votes arriving later never change that: each adds at most one to the biggest
    /// group and takes one from the missing). Null when the failure is not certified so (silence, refusals, too few votes).
    /// </summary>
    private List<FailedAttemptClaim>? Evidence()
    {
        if (EveryMemberHitWallClock)
        {
            return Stored.Cohort.All(member => Stored.WallClockSignatures.ContainsKey(member.ValidatorId))
                ? [.. Stored.Cohort.Select(member => new FailedAttemptClaim(member.ValidatorId, Stored.WallClockSignatures[member.ValidatorId]))]
                : null;
        }
        if (EveryMemberRefused)
        {
            return null;
        }
        var votes = Stored.Cohort
            .Select(member => Stored.Votes.FirstOrDefault(vote => vote.ValidatorId == member.ValidatorId))
            .OfType<StoredVote>()
            .ToList();
        var biggest = votes.Count == 0 ? 0 : votes.GroupBy(vote => (vote.Digest, vote.FuelUsed, Note: StoredNote.Read(vote.Note))).Max(group => group.Count());
        return biggest + (Stored.Cohort.Count - votes.Count) < _tally!.Threshold
            ? [.. votes.Select(vote => new FailedAttemptClaim(vote.ValidatorId, vote.Signature, vote.Digest, vote.FuelUsed, vote.ReadNote()))]
            : null;
    }

    /// <summary>
    /// The signatures of the members that voted for the agreed digest, fuel and note, in cohort order: the evidence a
    /// receipt carries. An equivocator's vote counted for nothing, so it proves nothing either.
    /// </summary>
    private List<AgreeingVote> AgreeingVotes(ResultDigest digest, long fuelUsed, NoteCommitment? note) =>
    [
        .. Stored.Cohort
            .Where(member => !_tally!.Equivocators.Contains(member.ValidatorId))
            .Select(member => Stored.Votes.FirstOrDefault(vote =>
                vote.ValidatorId == member.ValidatorId && vote.IsFor(digest, fuelUsed, note)))
            .OfType<StoredVote>()
            .Select(vote => new AgreeingVote(vote.ValidatorId, vote.Signature)),
    ];

    /// <summary>Members with a fault on record: members that have not replied yet count only once the attempt is closed.</summary>
    private IReadOnlyCollection<string> Faulted()
    {
        var conduct = _tally!.Conduct();
        return [.. Stored.Cohort.Select(member => member.ValidatorId).Where(member =>
            Stored.InvalidSigners.Contains(member)
            || Refused(member)
            || Stored.WallClocked.Contains(member)
            || conduct[member] == MemberConduct.Equivocated
            || (Stored.Closed && conduct[member] == MemberConduct.TimedOut))];
    }

    private QuorumSetup Setup() => new(
        Stored.JobId!, Stored.Attempt,
        [.. Stored.Cohort.Select(member => new CohortMember(member.ValidatorId, PublicKey.FromBytes(member.PublicKey)))],
        Stored.Agreement, Stored.Profile, Stored.StatementHash);

    private QuorumSnapshot Snapshot()
    {
        if (_tally is null)
        {
            return new QuorumSnapshot(Stored.JobId ?? "", Stored.Attempt, 0, 0, [], 0, null, false);
        }
        var replied = Stored.Votes.Select(vote => vote.ValidatorId).Concat(Stored.InvalidSigners)
            .Concat(Stored.Refusals.Select(refusal => refusal.ValidatorId)).Concat(Stored.WallClocked).ToHashSet(StringComparer.Ordinal);
        var counted = Stored.Votes.Select(vote => vote.ValidatorId).Distinct(StringComparer.Ordinal)
            .Count(member => !_tally.Equivocators.Contains(member));
        return new QuorumSnapshot(
            Stored.JobId!, Stored.Attempt, _tally.CohortSize, _tally.Threshold, replied, counted,
            Stored.Decision is null ? null : ToDecision(Stored.Decision), Stored.Closed);
    }

    private void Rebuild()
    {
        _keys.Clear();
        foreach (var member in Stored.Cohort)
        {
            _keys[member.ValidatorId] = PublicKey.FromBytes(member.PublicKey);
        }
        _tally = new VoteTally(Stored.Cohort.Select(member => member.ValidatorId), Stored.Attempt, Stored.Agreement);
        foreach (var vote in Stored.Votes)
        {
            _tally.Add(new Vote(vote.ValidatorId, Stored.Attempt, vote.Digest, vote.FuelUsed, vote.ReadNote()));
        }
        foreach (var member in Stored.InvalidSigners.Concat(Stored.Refusals.Select(refusal => refusal.ValidatorId)).Concat(Stored.WallClocked))
        {
            _tally.AddTimeout(member);
        }
        if (Stored.Closed)
        {
            _tally.Close();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {ValidatorId} is offline: its outcome in quorum {Quorum} is not applied")]
    private static partial void LogOffline(ILogger logger, string validatorId, string quorum);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validator {ValidatorId} voted in quorum {Quorum} without being in its cohort")]
    private static partial void LogOutsider(ILogger logger, string validatorId, string quorum);
}
