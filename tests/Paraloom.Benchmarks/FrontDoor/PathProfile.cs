using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;

namespace Paraloom.Benchmarks.FrontDoor;

/// <summary>
/// Where a job's time goes, from the service's own instrumentation while it runs: every span the process records
/// (ASP.NET Core's requests, Orleans' grain calls, the job, quorum and validator spans) and Orleans' storage meter
/// (one measurement per grain-state write or read), grouped by name. Spans nest, so rows are not to be summed.
/// </summary>
internal sealed class PathProfile : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly ActivityListener _spans;
    private readonly MeterListener _meters = new();

    public PathProfile()
    {
        _spans = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
                || source.Name.StartsWith("Paraloom", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity => Add($"span  {activity.Source.Name.Replace("Microsoft.", "")}: {Name(activity)}{Side(activity)}", activity.Duration.TotalMilliseconds),
        };
        ActivitySource.AddActivityListener(_spans);
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Name.StartsWith("orleans-storage-", StringComparison.Ordinal) || instrument.Name == "paraloom.compute.execution.duration")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measure(instrument, value, tags));
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measure(instrument, value, tags));
        _meters.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Measure(instrument, value, tags));
        _meters.Start();
    }

    /// <summary>One line per name: how often per job and how long each took on average.</summary>
    public void Print(int jobs, string title)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(title);
        Console.WriteLine("| what | per job | mean (ms) | ms per job |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, entry) in _entries.OrderByDescending(pair => pair.Value.TotalMs))
        {
            Console.WriteLine(string.Create(culture,
                $"| {name} | {(double)entry.Count / jobs:0.##} | {entry.TotalMs / entry.Count:0.###} | {entry.TotalMs / jobs:0.###} |"));
        }
    }

    private void Measure<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags) where T : struct
    {
        var grainType = "";
        foreach (var tag in tags)
        {
            if (tag.Key.Contains("type", StringComparison.OrdinalIgnoreCase))
            {
                grainType = $" ({tag.Value})";
            }
        }
        // Orleans records storage latency in milliseconds; the execution histogram is in seconds.
        var milliseconds = Convert.ToDouble(value, CultureInfo.InvariantCulture) * (instrument.Unit == "s" ? 1000 : 1);
        Add($"meter {instrument.Name}{grainType}", milliseconds);
    }

    private static string Name(Activity activity) =>
        activity.GetTagItem("http.route") is string route ? $"{activity.GetTagItem("http.request.method")} {route}" : activity.DisplayName;

    /// <summary>A grain call is two spans: the caller's (queueing and transport included) and the grain's.</summary>
    private static string Side(Activity activity) => activity.Kind switch
    {
        ActivityKind.Client => " (caller)",
        ActivityKind.Server when activity.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) => " (grain)",
        _ => "",
    };

    private void Add(string name, double milliseconds) => _entries.AddOrUpdate(
        name, _ => new Entry(1, milliseconds), (_, entry) => new Entry(entry.Count + 1, entry.TotalMs + milliseconds));

    public void Dispose()
    {
        _spans.Dispose();
        _meters.Dispose();
    }

    private readonly record struct Entry(long Count, double TotalMs);
}
