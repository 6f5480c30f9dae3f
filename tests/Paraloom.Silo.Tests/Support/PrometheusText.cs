using System.Globalization;
using System.Text.RegularExpressions;

namespace Paraloom.Silo.Tests.Support;

/// <summary>The samples of a Prometheus text exposition, found by name and a subset of their labels.</summary>
public sealed partial class PrometheusText(string text)
{
    private readonly IReadOnlyList<Sample> _samples = [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Where(line => !line.StartsWith('#'))
        .Select(Parse)];

    public string Text { get; } = text;

    public IReadOnlyList<Sample> Samples => _samples;

    public IReadOnlySet<string> Names => _samples.Select(sample => sample.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The samples named <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public IReadOnlyList<Sample> Find(string name, params (string Label, string Value)[] labels) =>
        [.. _samples.Where(sample => sample.Name == name
            && labels.All(label => sample.Labels.TryGetValue(label.Label, out var value) && value == label.Value))];

    /// <summary>The value of the one sample that matches; fails if none or several do.</summary>
    public double Value(string name, params (string Label, string Value)[] labels)
    {
        var found = Find(name, labels);
        Assert.True(found.Count == 1, $"{found.Count} samples of {name} match {string.Join(",", labels)}");
        return found[0].Value;
    }

    private static Sample Parse(string line)
    {
        var match = SampleLine().Match(line);
        Assert.True(match.Success, $"not a sample line: {line}");
        var labels = LabelPair().Matches(match.Groups["labels"].Value)
            .ToDictionary(pair => pair.Groups["name"].Value, pair => Regex.Unescape(pair.Groups["value"].Value), StringComparer.Ordinal);
        return new Sample(match.Groups["name"].Value, labels, double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture));
    }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    [GeneratedRegex(@"^(?<name>[A-Za-z_:][\w:]*)(?:\{(?<labels>.*)\})? (?<value>\S+)(?: \d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("(?<name>[A-Za-z_]\\w*)=\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}
