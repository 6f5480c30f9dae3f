using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Paraloom.Actors.Runtime;

/// <summary>The runtime's instruments on the <see cref="ActorInstrumentation.MeterName"/> meter.</summary>
internal sealed class ActorMetrics
{
    private readonly UpDownCounter<long> _activations;
    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;

    public ActorMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(ActorInstrumentation.MeterName);
        _activations = meter.CreateUpDownCounter<long>(
            "paraloom.actors.activations", "{activation}", "Grain activations currently live.");
        _calls = meter.CreateCounter<long>(
            "paraloom.actors.calls", "{call}", "Grain calls completed, by grain type, method and outcome.");
        _callDuration = meter.CreateHistogram<double>(
            "paraloom.actors.call.duration", "s", "Grain call duration, from the call to its completion (queueing included).");
    }

    public void ActivationCreated(string grainType) => _activations.Add(1, new KeyValuePair<string, object?>("grain.type", grainType));

    public void ActivationRemoved(string grainType) => _activations.Add(-1, new KeyValuePair<string, object?>("grain.type", grainType));

    public void CallCompleted(string grainType, string method, TimeSpan duration, bool failed)
    {
        var tags = new TagList
        {
            { "grain.type", grainType },
            { "grain.method", method },
            { "outcome", failed ? "error" : "ok" },
        };
        _calls.Add(1, tags);
        _callDuration.Record(duration.TotalSeconds, tags);
    }
}
