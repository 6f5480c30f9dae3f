using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Paraloom.Compute;

/// <summary>
/// Where a job is in its lifecycle, as an immutable value: each transition returns the next value and an
/// illegal one throws <see cref="InvalidOperationException"/>. Serialisable with System.Text.Json, so the
/// owner can persist every transition before acting on it.
/// </summary>
/// <remarks>
/// <code>
/// Submitted → Assigned(n, cohort) → [private: AwaitingKeys → KeysDelivered] → Executing(m of K votes)
///           → Finalised(digest, fuel) | Rejected(reason) | Cancelled
/// Assigned | AwaitingKeys | KeysDelivered | Executing → Retrying → Assigned(n + 1)
/// </code>
/// Any non-terminal state may be rejected (for example when the distribution timeout expires) or cancelled by the requester.
/// </remarks>
public sealed record JobLifecycle
{
    private static readonly ImmutableDictionary<JobState, ImmutableArray<JobState>> Allowed =
        new Dictionary<JobState, ImmutableArray<JobState>>
        {
            [JobState.Submitted] = [JobState.Assigned, JobState.Rejected, JobState.Cancelled],
            [JobState.Assigned] = [JobState.AwaitingKeys, JobState.Executing, JobState.Retrying, JobState.Rejected, JobState.Cancelled],
            [JobState.AwaitingKeys] = [JobState.KeysDelivered, JobState.Retrying, JobState.Rejected, JobState.Cancelled],
            [JobState.KeysDelivered] = [JobState.Executing, JobState.Retrying, JobState.Rejected, JobState.Cancelled],
            [JobState.Executing] = [JobState.Executing, JobState.Finalised, JobState.Retrying, JobState.Rejected, JobState.Cancelled],
            [JobState.Retrying] = [JobState.Assigned, JobState.Rejected, JobState.Cancelled],
            [JobState.Finalised] = [],
            [JobState.Rejected] = [],
            [JobState.Cancelled] = [],
        }.ToImmutableDictionary();

    [JsonConstructor]
    private JobLifecycle(
        JobState state, bool isPrivate, int attempt, ImmutableArray<string> cohort, int votesReceived,
        ResultDigest? digest, long fuelUsed, string? reason)
    {
        State = state;
        IsPrivate = isPrivate;
        Attempt = attempt;
        Cohort = cohort.IsDefault ? [] : cohort;
        VotesReceived = votesReceived;
        Digest = digest;
        FuelUsed = fuelUsed;
        Reason = reason;
    }

    public JobState State { get; private init; }

    /// <summary>A private job passes through key hand-out before it executes.</summary>
    public bool IsPrivate { get; private init; }

    /// <summary>The current attempt, from 1; 0 before the first assignment.</summary>
    public int Attempt { get; private init; }

    /// <summary>The validators of the current attempt.</summary>
    public ImmutableArray<string> Cohort { get; private init; }

    /// <summary>Votes received in the current attempt while executing.</summary>
    public int VotesReceived { get; private init; }

    /// <summary>The agreed result digest once finalised.</summary>
    public ResultDigest? Digest { get; private init; }

    /// <summary>The agreed fuel used once finalised.</summary>
    public long FuelUsed { get; private init; }

    /// <summary>Why the job is retrying or was rejected.</summary>
    public string? Reason { get; private init; }

    public bool IsTerminal => State is JobState.Finalised or JobState.Rejected or JobState.Cancelled;

    /// <summary>Value equality, including the cohort's members (an array compares by reference).</summary>
    public bool Equals(JobLifecycle? other) =>
        other is not null && State == other.State && IsPrivate == other.IsPrivate && Attempt == other.Attempt
        && Cohort.SequenceEqual(other.Cohort) && VotesReceived == other.VotesReceived && Digest == other.Digest
        && FuelUsed == other.FuelUsed && Reason == other.Reason;

    public override int GetHashCode() => HashCode.Combine(State, Attempt, VotesReceived, Digest, FuelUsed);

    public static JobLifecycle Submitted(bool isPrivate) =>
        new(JobState.Submitted, isPrivate, 0, [], 0, null, 0, null);

    /// <summary>Starts the next attempt on <paramref name="cohort"/>.</summary>
    public JobLifecycle Assign(IEnumerable<string> cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var members = cohort.ToImmutableArray();
        if (members.IsEmpty || members.Any(string.IsNullOrWhiteSpace)
            || members.Distinct(StringComparer.Ordinal).Count() != members.Length)
        {
            throw new ArgumentException("A cohort is a non-empty set of distinct validator ids.", nameof(cohort));
        }
        EnsureAllowed(JobState.Assigned);
        return new(JobState.Assigned, IsPrivate, Attempt + 1, members, 0, null, 0, null);
    }

    public JobLifecycle AwaitKeys()
    {
        EnsureAllowed(JobState.AwaitingKeys);
        if (!IsPrivate)
        {
            throw new InvalidOperationException("A public job has no keys to hand out.");
        }
        return this with { State = JobState.AwaitingKeys };
    }

    public JobLifecycle DeliverKeys()
    {
        EnsureAllowed(JobState.KeysDelivered);
        return this with { State = JobState.KeysDelivered };
    }

    public JobLifecycle StartExecuting()
    {
        if (State == JobState.Executing)
        {
            throw Illegal(JobState.Executing);
        }
        EnsureAllowed(JobState.Executing);
        if (IsPrivate && State != JobState.KeysDelivered)
        {
            throw new InvalidOperationException("A private job cannot execute before its keys are delivered.");
        }
        return this with { State = JobState.Executing, VotesReceived = 0 };
    }

    /// <summary>Records how many of the cohort's votes have arrived.</summary>
    public JobLifecycle RecordVotes(int received)
    {
        if (State != JobState.Executing)
        {
            throw new InvalidOperationException($"Votes are recorded only while executing, not in state {State}.");
        }
        if (received < VotesReceived || received > Cohort.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(received), received,
                $"Votes received must stay between {VotesReceived} and the cohort size {Cohort.Length}.");
        }
        return this with { VotesReceived = received };
    }

    public JobLifecycle Retry(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        EnsureAllowed(JobState.Retrying);
        return this with { State = JobState.Retrying, Reason = reason };
    }

    public JobLifecycle Finalise(ResultDigest digest, long fuelUsed)
    {
        ArgumentNullException.ThrowIfNull(digest);
        Guard.NotNegative(fuelUsed, nameof(fuelUsed));
        EnsureAllowed(JobState.Finalised);
        return this with { State = JobState.Finalised, Digest = digest, FuelUsed = fuelUsed, Reason = null };
    }

    public JobLifecycle Reject(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        EnsureAllowed(JobState.Rejected);
        return this with { State = JobState.Rejected, Reason = reason };
    }

    /// <summary>The requester no longer wants the job: it ends without a result.</summary>
    public JobLifecycle Cancel()
    {
        EnsureAllowed(JobState.Cancelled);
        return this with { State = JobState.Cancelled, Reason = "Cancelled by its requester." };
    }

    private void EnsureAllowed(JobState next)
    {
        if (!Allowed[State].Contains(next))
        {
            throw Illegal(next);
        }
    }

    private InvalidOperationException Illegal(JobState next) =>
        new($"A job cannot move from {State} to {next}.");
}
