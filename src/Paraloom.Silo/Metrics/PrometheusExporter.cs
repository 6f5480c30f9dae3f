using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Paraloom.Silo.Metrics;

/// <summary>
/// Listens to every instrument of the meters named <c>Paraloom.*</c> created by this host's
/// <see cref="IMeterFactory"/> (so two hosts in one process never mix), aggregates counters, gauges and
/// histograms in memory, and writes them in the Prometheus text exposition format.
/// </summary>
internal sealed class PrometheusExporter : IDisposable
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private const string MeterPrefix = "Paraloom.";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentAggregate> _aggregates = new();

    public PrometheusExporter(IMeterFactory meterFactory)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Meter.Name.StartsWith(MeterPrefix, StringComparison.Ordinal))
            {
                listener.EnableMeasurementEvents(instrument, _aggregates.GetOrAdd(instrument, key => new InstrumentAggregate(key)));
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) => _aggregates.TryRemove(instrument, out InstrumentAggregate? _);
        Listen<byte>(value => value);
        Listen<short>(value => value);
        Listen<int>(value => value);
        Listen<long>(value => value);
        Listen<float>(value => value);
        Listen<double>(value => value);
        Listen<decimal>(value => (double)value);
        _listener.Start();
    }

    /// <summary>Polls the observable instruments, then writes every series.</summary>
    public string Scrape()
    {
        _listener.RecordObservableInstruments();
        var text = new StringBuilder();
        foreach (var aggregate in _aggregates.Values.OrderBy(aggregate => aggregate.Name, StringComparer.Ordinal))
        {
            Write(text, aggregate);
        }
        return text.ToString();
    }

    public void Dispose() => _listener.Dispose();

    private void Listen<T>(Func<T, double> toDouble) where T : struct =>
        _listener.SetMeasurementEventCallback<T>((_, value, tags, state) => ((InstrumentAggregate)state!).Measure(toDouble(value), tags));

    private static void Write(StringBuilder text, InstrumentAggregate aggregate)
    {
        var series = aggregate.Series.ToList();
        if (series.Count == 0)
        {
            return;
        }
        var name = aggregate.Name;
        if (aggregate.Instrument.Description is { Length: > 0 } description)
        {
            text.Append("# HELP ").Append(name).Append(' ').Append(PrometheusNames.EscapeHelp(description)).Append('\n');
        }
        text.Append("# TYPE ").Append(name).Append(' ').Append(aggregate.Kind.ToString().ToLowerInvariant()).Append('\n');
        foreach (var one in series)
        {
            var (value, count, buckets) = one.Snapshot();
            if (aggregate.Kind != MetricKind.Histogram)
            {
                Sample(text, name, one.Labels, value);
                continue;
            }
            for (var i = 0; i < buckets.Length; i++)
            {
                var bound = i < aggregate.BucketBounds.Count ? Number(aggregate.BucketBounds[i]) : "+Inf";
                Sample(text, name + "_bucket", Join(one.Labels, $"le=\"{bound}\""), buckets[i]);
            }
            Sample(text, name + "_sum", one.Labels, value);
            Sample(text, name + "_count", one.Labels, count);
        }
    }

    private static void Sample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }
        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Join(string labels, string label) => labels.Length == 0 ? label : labels + "," + label;

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ when double.IsNaN(value) => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };
}
