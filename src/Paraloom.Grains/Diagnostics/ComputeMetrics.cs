using System.Diagnostics.Metrics;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Execution;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// The compute service's instruments on the <see cref="MeterName"/> meter: job outcomes and latency,
/// executions, votes, and how each validator is selected and behaves. Every tag is a fixed code or a
/// validator id (a bounded, public set); job ids, inputs, outputs and keys never become tags. Nothing a private
/// job's input decides is published either: its executions count under the one outcome <c>private</c>, whatever
/// they trapped on, and only public executions feed the fuel histogram (its sum would give away the exact fuel of
/// a private job). The counters
/// dashboards read start at 0 (for every reason, and for each of this silo's validators), so a fresh silo
/// shows 0 rather than "no data".
/// </summary>
internal sealed class ComputeMetrics
{
    public const string MeterName = ComputeTelemetry.MeterName;

    /// <summary>The conduct codes <see cref="ConductApplied"/> reports.</summary>
    private static readonly string[] ConductCodes = [.. Enum.GetNames<MemberConduct>().Select(Kebab)];

    // Fuel spans orders of magnitude (a tiny job uses a hundred or so, the default cap is 10^9).
    private static readonly IReadOnlyList<long> FuelBuckets = [100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000];

    // A job waits for cohorts, key hand-outs and retries: up to its distribution timeout (5 min by default, capped at 30).
    private static readonly IReadOnlyList<double> JobSecondsBuckets = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800];

    private readonly Counter<long> _finalised;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _capacityWaits;
    private readonly Histogram<double> _jobDuration;
    private readonly Counter<long> _executions;
    private readonly Histogram<double> _executionDuration;
    private readonly Histogram<long> _executionFuel;
    private readonly Counter<long> _votes;
    private readonly Counter<long> _selections;
    private readonly Counter<long> _conduct;
    private readonly Counter<long> _refusals;

    public ComputeMetrics(IMeterFactory meterFactory, IValidatorKeyRing keyRing)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(keyRing);
        var meter = meterFactory.Create(MeterName);
        _finalised = meter.CreateCounter<long>("paraloom.compute.jobs.finalised", "{job}", "Jobs whose cohort agreed on a result.");
        _rejected = meter.CreateCounter<long>("paraloom.compute.jobs.rejected", "{job}", "Accepted jobs that ended rejected, by reason code.");
        _capacityWaits = meter.CreateCounter<long>("paraloom.compute.jobs.capacity_waits", "{wait}",
            "Times a job found every trusted validator busy and queued for capacity instead of starting an attempt.");
        _retries = meter.CreateCounter<long>("paraloom.compute.jobs.retries", "{attempt}", "Attempts started again on a fresh cohort after a disagreement.");
        _jobDuration = meter.CreateHistogram("paraloom.compute.job.duration", "s", "From submission to the final state, by outcome.",
            tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = JobSecondsBuckets });
        _executions = meter.CreateCounter<long>("paraloom.compute.executions", "{execution}",
            "Executions by outcome and trap or ABI error code; a private job's under outcome private, code none.");
        _executionDuration = meter.CreateHistogram<double>("paraloom.compute.execution.duration", "s", "One execution, queueing on the execution scheduler included.");
        _executionFuel = meter.CreateHistogram("paraloom.compute.execution.fuel", "{fuel}", "Fuel one execution of a public job used.",
            tags: null, advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = FuelBuckets });
        _votes = meter.CreateCounter<long>("paraloom.compute.votes", "{vote}", "Votes sent to quorums, by the quorum's verdict.");
        _selections = meter.CreateCounter<long>("paraloom.compute.validator.selections", "{selection}", "Times a validator was picked for a cohort.");
        _conduct = meter.CreateCounter<long>("paraloom.compute.validator.conduct", "{outcome}",
            "Reputation outcomes applied to a validator: agreed, dissented, timed-out, equivocated, invalid-signature.");
        _refusals = meter.CreateCounter<long>("paraloom.compute.validator.refusals", "{assignment}",
            "Assignments a local validator refused before running anything (bad ownership proof, input not the committed one).");
        StartAtZero([.. keyRing.ValidatorIds]);
    }

    private void StartAtZero(IReadOnlyList<string> localValidators)
    {
        _finalised.Add(0);
        _retries.Add(0);
        _capacityWaits.Add(0);
        foreach (var reason in JobRejectionReason.All)
        {
            _rejected.Add(0, new KeyValuePair<string, object?>("reason", reason));
        }
        _executions.Add(0, new KeyValuePair<string, object?>("outcome", "ok"), new KeyValuePair<string, object?>("code", "none"));
        _votes.Add(0, new KeyValuePair<string, object?>("verdict", "accepted"));
        foreach (var validatorId in localValidators)
        {
            var validator = new KeyValuePair<string, object?>("validator.id", validatorId);
            _selections.Add(0, validator);
            _refusals.Add(0, validator);
            foreach (var conduct in ConductCodes)
            {
                _conduct.Add(0, validator, new KeyValuePair<string, object?>("conduct", conduct));
            }
        }
    }

    public void JobFinalised(TimeSpan sinceSubmission)
    {
        _finalised.Add(1);
        _jobDuration.Record(sinceSubmission.TotalSeconds, new KeyValuePair<string, object?>("outcome", "finalised"));
    }

    /// <param name="reason">One of the <see cref="JobRejectionReason"/> codes.</param>
    public void JobRejected(string reason, TimeSpan sinceSubmission)
    {
        _rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        _jobDuration.Record(sinceSubmission.TotalSeconds, new KeyValuePair<string, object?>("outcome", "rejected"));
    }

    public void JobRetried() => _retries.Add(1);

    public void JobWaitedForCapacity() => _capacityWaits.Add(1);

    /// <param name="isPrivate">Whether the job is private: then nothing of how it ended or what it used is published.</param>
    public void Executed(ExecutionResult result, TimeSpan duration, bool isPrivate)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (outcome, code) = isPrivate ? ("private", "none") : result.Status switch
        {
            ExecutionStatus.Ok => ("ok", "none"),
            ExecutionStatus.Trap => ("trap", Kebab(result.Trap.ToString()!)),
            ExecutionStatus.AbiError => ("abi-error", Kebab(result.AbiError.ToString()!)),
            _ => ("timeout", "none"),
        };
        var outcomeTag = new KeyValuePair<string, object?>("outcome", outcome);
        _executions.Add(1, outcomeTag, new KeyValuePair<string, object?>("code", code));
        _executionDuration.Record(duration.TotalSeconds, outcomeTag);
        if (!isPrivate)
        {
            _executionFuel.Record(result.FuelUsed, outcomeTag);
        }
    }

    public void VoteDelivered(VoteAcceptance acceptance) =>
        _votes.Add(1, new KeyValuePair<string, object?>("verdict", acceptance switch
        {
            VoteAcceptance.Counted => "accepted",
            VoteAcceptance.NotInCohort => "outsider",
            VoteAcceptance.InvalidSignature => "bad-signature",
            _ => Kebab(acceptance.ToString()),
        }));

    public void CohortSelected(IEnumerable<CohortMember> cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        foreach (var member in cohort)
        {
            _selections.Add(1, new KeyValuePair<string, object?>("validator.id", member.ValidatorId));
        }
    }

    public void ConductApplied(string validatorId, MemberConduct conduct) =>
        _conduct.Add(1, new KeyValuePair<string, object?>("validator.id", validatorId), new KeyValuePair<string, object?>("conduct", Kebab(conduct.ToString())));

    public void AssignmentRefused(string validatorId) =>
        _refusals.Add(1, new KeyValuePair<string, object?>("validator.id", validatorId));

    /// <summary>An enum name as a label value: <c>OutOfFuel</c> → <c>out-of-fuel</c>.</summary>
    private static string Kebab(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
