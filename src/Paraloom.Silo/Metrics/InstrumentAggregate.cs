using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace Paraloom.Silo.Metrics;

/// <summary>Everything measured by one instrument, by label set, with its Prometheus name and type.</summary>
internal sealed class InstrumentAggregate
{
    /// <summary>
    /// Seconds-scale buckets for durations; an instrument with advised boundaries gets those; everything else
    /// gets OpenTelemetry's default boundaries.
    /// </summary>
    private static readonly double[] SecondsBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
    private static readonly double[] DefaultBuckets = [0, 5, 10, 25, 50, 75, 100, 250, 500, 750, 1000, 2500, 5000, 7500, 10000];

    private readonly ConcurrentDictionary<string, MetricSeries> _series = new(StringComparer.Ordinal);
    private readonly double[]? _bucketBounds;

    /// <summary>Observable instruments and gauges report the current value; the others report increments.</summary>
    private readonly bool _reportsTotals;

    public InstrumentAggregate(Instrument instrument)
    {
        Instrument = instrument;
        Kind = KindOf(instrument);
        Name = PrometheusNames.MetricName(instrument.Name, instrument.Unit, Kind);
        _reportsTotals = instrument.IsObservable || instrument.GetType().GetGenericTypeDefinition() == typeof(Gauge<>);
        if (Kind == MetricKind.Histogram)
        {
            _bucketBounds = AdvisedBuckets(instrument) ?? (instrument.Unit == "s" ? SecondsBuckets : DefaultBuckets);
        }
    }

    public Instrument Instrument { get; }

    public MetricKind Kind { get; }

    public string Name { get; }

    public IReadOnlyList<double> BucketBounds => _bucketBounds ?? [];

    public IEnumerable<MetricSeries> Series => _series.Values.OrderBy(series => series.Labels, StringComparer.Ordinal);

    public void Measure(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = _series.GetOrAdd(PrometheusNames.Labels(tags), labels => new MetricSeries(labels, _bucketBounds));
        if (Kind == MetricKind.Histogram)
        {
            series.Record(value);
        }
        else if (_reportsTotals)
        {
            series.Set(value);
        }
        else
        {
            series.Add(value);
        }
    }

    private static MetricKind KindOf(Instrument instrument)
    {
        var definition = instrument.GetType().GetGenericTypeDefinition();
        if (definition == typeof(Histogram<>))
        {
            return MetricKind.Histogram;
        }
        return definition == typeof(Counter<>) || definition == typeof(ObservableCounter<>) ? MetricKind.Counter : MetricKind.Gauge;
    }

    /// <summary>The boundaries the instrument's creator advised, when it knows its values' range better than the defaults.</summary>
    private static double[]? AdvisedBuckets(Instrument instrument) => instrument switch
    {
        Histogram<long> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(bound => (double)bound)],
        Histogram<int> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds.Select(bound => (double)bound)],
        Histogram<double> { Advice.HistogramBucketBoundaries: { } bounds } => [.. bounds],
        _ => null,
    };

}
