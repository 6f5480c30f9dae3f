using System.Diagnostics.Metrics;
using Paraloom.Grains;

namespace Paraloom.Silo;

/// <summary>
/// The silo's instruments on the <see cref="MeterName"/> meter: what the API accepted and refused, and
/// this silo's validators as the registry scores them. Tags are fixed codes and public ids only, never job
/// content. Counters start at 0 for every tag the dashboards read, so a fresh silo shows 0, not "no data".
/// </summary>
internal sealed class SiloMetrics
{
    public const string MeterName = "Paraloom.Silo";

    private readonly Counter<long> _submitted;
    private readonly Counter<long> _refused;
    private readonly Counter<long> _keyHandOuts;
    private readonly Counter<long> _resultRequests;
    private readonly string _siloId;
    private volatile IReadOnlyList<ValidatorInfo> _validators = [];

    public SiloMetrics(IMeterFactory meterFactory, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        ArgumentNullException.ThrowIfNull(options);
        _siloId = options.SiloId;
        var meter = meterFactory.Create(MeterName);
        _submitted = meter.CreateCounter<long>("paraloom.silo.jobs.submitted", "{job}", "Jobs accepted, by privacy.");
        _refused = meter.CreateCounter<long>("paraloom.silo.submissions.refused", "{submission}", "Submissions refused, by error code.");
        _keyHandOuts = meter.CreateCounter<long>("paraloom.silo.keys.handed_out", "{hand-out}", "Key hand-outs accepted.");
        _resultRequests = meter.CreateCounter<long>("paraloom.silo.results.requests", "{request}", "Result requests, by outcome.");
        meter.CreateObservableGauge("paraloom.validator.reputation", () => Observe(v => v.Reputation), "{point}", "Validator reputation.");
        meter.CreateObservableGauge("paraloom.validator.in_flight", () => Observe(v => v.InFlight), "{execution}", "Executions in flight.");
        meter.CreateObservableGauge("paraloom.validator.capacity", () => Observe(v => v.Capacity), "{execution}", "Executions a validator takes at once.");

        _submitted.Add(0, Privacy("public"));
        _submitted.Add(0, Privacy("private"));
        _keyHandOuts.Add(0);
        _resultRequests.Add(0, new KeyValuePair<string, object?>("outcome", "served"));
    }

    public void JobSubmitted(bool isPrivate) => _submitted.Add(1, Privacy(isPrivate ? "private" : "public"));

    public void SubmissionRefused(string error) => _refused.Add(1, new KeyValuePair<string, object?>("error", error));

    public void KeysHandedOut() => _keyHandOuts.Add(1);

    public void ResultRequested(string outcome) => _resultRequests.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>
    /// The latest scoring view; the validator gauges report this silo's validators from it until the next one
    /// (each silo reports its own, so a cluster's series add up without double counting).
    /// </summary>
    public void ObserveValidators(IReadOnlyList<ValidatorInfo> validators) => _validators = validators;

    private IEnumerable<Measurement<int>> Observe(Func<ValidatorInfo, int> value) =>
        _validators
            .Where(validator => validator.SiloId == _siloId)
            .Select(validator => new Measurement<int>(value(validator), new KeyValuePair<string, object?>("validator.id", validator.ValidatorId)));

    private static KeyValuePair<string, object?> Privacy(string privacy) => new("privacy", privacy);
}
