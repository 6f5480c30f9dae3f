using System.Collections.Immutable;

namespace Paraloom.Compute.Agreement;

/// <summary>
/// The votes of one attempt's cohort, and the decision they lead to. Pure and deterministic: the same
/// replies in any order give the same decision. Not thread-safe; its owner serialises access.
/// </summary>
/// <remarks>
/// A result is accepted once one (digest, fuel, note) ballot holds the threshold ⌈K·7/10⌉ of votes; the tally
/// reports disagreement as soon as no ballot can still reach it, counting every member that has not yet
/// replied in favour of the leading ballot. A wall-clock timeout is a missing reply, never a vote. An
/// equivocating member's votes are all void. A decision, once made, is final; later replies only
/// change what <see cref="Conduct"/> says about each member.
/// </remarks>
public sealed class VoteTally
{
    private readonly ImmutableHashSet<string> _cohort;
    private readonly AgreementOptions _options;
    private readonly Dictionary<string, Ballot> _votes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _timedOut = new(StringComparer.Ordinal);
    private readonly HashSet<string> _equivocators = new(StringComparer.Ordinal);
    private readonly Dictionary<Ballot, int> _counts = [];
    private Ballot? _accepted;

    public VoteTally(IEnumerable<string> cohort, int attempt, AgreementOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var members = cohort.ToImmutableArray();
        _cohort = members.ToImmutableHashSet(StringComparer.Ordinal);
        if (members.IsEmpty || _cohort.Count != members.Length || members.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A cohort is a non-empty set of distinct validator ids.", nameof(cohort));
        }
        Attempt = Guard.Positive(attempt, nameof(attempt));
        _options = options ?? AgreementOptions.Default;
        Threshold = _options.Threshold(members.Length);
    }

    public int Attempt { get; }

    public int CohortSize => _cohort.Count;

    /// <summary>The votes one result needs to be accepted.</summary>
    public int Threshold { get; }

    public TallyStatus Status { get; private set; } = TallyStatus.Pending;

    /// <summary>Members that replied in any way (vote, timeout or equivocation).</summary>
    public int Replies => _votes.Count + _timedOut.Count + _equivocators.Count;

    /// <summary>Members that signed two different votes in this attempt.</summary>
    public IReadOnlySet<string> Equivocators => _equivocators;

    /// <summary>What the job does next, or <c>null</c> while the tally is pending.</summary>
    public AgreementOutcome? Outcome => Status switch
    {
        TallyStatus.Accepted => AgreementOutcome.Finalised(_accepted!.Value.Digest, _accepted.Value.FuelUsed, _accepted.Value.Note),
        TallyStatus.Disagreement when Attempt < _options.MaxAttempts => AgreementOutcome.Retry(DisagreementReason()),
        TallyStatus.Disagreement => AgreementOutcome.Reject(
            $"The cohorts did not agree in {Attempt} attempts; the last: {DisagreementReason()}"),
        _ => null,
    };

    public VoteReceipt Add(Vote vote)
    {
        ArgumentNullException.ThrowIfNull(vote);
        var member = vote.ValidatorId;
        if (!_cohort.Contains(member))
        {
            return VoteReceipt.NotInCohort;
        }
        if (vote.Attempt != Attempt)
        {
            return VoteReceipt.WrongAttempt;
        }
        if (_equivocators.Contains(member))
        {
            return VoteReceipt.Equivocation;
        }
        if (_timedOut.Contains(member))
        {
            return VoteReceipt.AlreadyReplied;
        }
        if (_votes.TryGetValue(member, out var earlier))
        {
            if (earlier == vote.Ballot)
            {
                return VoteReceipt.Duplicate;
            }
            _votes.Remove(member);
            _counts[earlier]--;
            _equivocators.Add(member);
            Decide();
            return VoteReceipt.Equivocation;
        }
        _votes.Add(member, vote.Ballot);
        _counts[vote.Ballot] = _counts.GetValueOrDefault(vote.Ballot) + 1;
        Decide();
        return VoteReceipt.Counted;
    }

    /// <summary>Records that a member will not vote (its execution hit the wall-clock limit).</summary>
    public VoteReceipt AddTimeout(string validatorId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(validatorId);
        if (!_cohort.Contains(validatorId))
        {
            return VoteReceipt.NotInCohort;
        }
        if (_timedOut.Contains(validatorId))
        {
            return VoteReceipt.Duplicate;
        }
        if (_votes.ContainsKey(validatorId) || _equivocators.Contains(validatorId))
        {
            return VoteReceipt.AlreadyReplied;
        }
        _timedOut.Add(validatorId);
        Decide();
        return VoteReceipt.Counted;
    }

    /// <summary>Ends the attempt (its deadline passed): every member that has not replied timed out.</summary>
    public TallyStatus Close()
    {
        foreach (var member in _cohort.Where(IsSilent))
        {
            _timedOut.Add(member);
        }
        Decide();
        return Status;
    }

    /// <summary>
    /// How each member behaved, for reputation. Members that have not replied count as timed out, so call
    /// this once the tally is decided or closed.
    /// </summary>
    public IReadOnlyDictionary<string, MemberConduct> Conduct() =>
        _cohort.ToDictionary(member => member, ConductOf, StringComparer.Ordinal);

    private MemberConduct ConductOf(string member)
    {
        if (_equivocators.Contains(member))
        {
            return MemberConduct.Equivocated;
        }
        if (!_votes.TryGetValue(member, out var ballot))
        {
            return MemberConduct.TimedOut;
        }
        return _accepted switch
        {
            null => MemberConduct.Inconclusive,
            var accepted when accepted.Value == ballot => MemberConduct.Agreed,
            _ => MemberConduct.Dissented,
        };
    }

    private bool IsSilent(string member) =>
        !_votes.ContainsKey(member) && !_timedOut.Contains(member) && !_equivocators.Contains(member);

    private void Decide()
    {
        if (Status != TallyStatus.Pending)
        {
            return;
        }
        var leading = _counts.Count == 0 ? 0 : _counts.Values.Max();
        if (leading >= Threshold)
        {
            _accepted = _counts.First(pair => pair.Value == leading).Key;
            Status = TallyStatus.Accepted;
            return;
        }
        var silent = CohortSize - Replies;
        if (leading + silent < Threshold)
        {
            Status = TallyStatus.Disagreement;
        }
    }

    private string DisagreementReason() =>
        $"attempt {Attempt}: no result reached {Threshold} of {CohortSize} votes "
        + $"({_counts.Count(pair => pair.Value > 0)} distinct results, {_timedOut.Count} missing, "
        + $"{_equivocators.Count} equivocating).";
}
