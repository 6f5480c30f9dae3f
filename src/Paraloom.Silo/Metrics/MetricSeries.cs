namespace Paraloom.Silo.Metrics;

/// <summary>One label set of one instrument: a running value, or a histogram's buckets, sum and count.</summary>
internal sealed class MetricSeries(string labels, double[]? bucketBounds)
{
    private readonly Lock _gate = new();
    private readonly long[]? _bucketCounts = bucketBounds is null ? null : new long[bucketBounds.Length + 1];
    private double _value;
    private long _count;

    /// <summary>Prometheus label pairs without braces, e.g. <c>a="x",b="y"</c>; empty for none.</summary>
    public string Labels { get; } = labels;

    public void Add(double delta)
    {
        lock (_gate)
        {
            _value += delta;
        }
    }

    public void Set(double value)
    {
        lock (_gate)
        {
            _value = value;
        }
    }

    public void Record(double value)
    {
        lock (_gate)
        {
            var bucket = Array.FindIndex(bucketBounds!, bound => value <= bound);
            _bucketCounts![bucket < 0 ? bucketBounds!.Length : bucket]++;
            _value += value;
            _count++;
        }
    }

    /// <summary>A consistent copy: the value (or sum), the count, and the cumulative bucket counts.</summary>
    public (double Value, long Count, long[] CumulativeBuckets) Snapshot()
    {
        lock (_gate)
        {
            var cumulative = new long[_bucketCounts?.Length ?? 0];
            long running = 0;
            for (var i = 0; i < cumulative.Length; i++)
            {
                running += _bucketCounts![i];
                cumulative[i] = running;
            }
            return (_value, _count, cumulative);
        }
    }
}
