using System.Globalization;
using System.Text;

namespace Paraloom.Silo.Metrics;

/// <summary>OpenTelemetry instrument names, units and tags as Prometheus names and labels.</summary>
internal static class PrometheusNames
{
    public static string MetricName(string instrumentName, string? unit, MetricKind kind)
    {
        var name = Sanitize(instrumentName);
        var suffix = unit switch
        {
            "s" => "_seconds",
            "ms" => "_milliseconds",
            "By" => "_bytes",
            _ => "",
        };
        if (suffix.Length > 0 && !name.EndsWith(suffix, StringComparison.Ordinal))
        {
            name += suffix;
        }
        return kind == MetricKind.Counter && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    /// <summary>Label pairs sorted by key, values escaped, e.g. <c>outcome="ok",privacy="public"</c>.</summary>
    public static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.IsEmpty)
        {
            return "";
        }
        var pairs = tags.ToArray();
        Array.Sort(pairs, (left, right) => string.CompareOrdinal(left.Key, right.Key));
        var labels = new StringBuilder();
        foreach (var (key, value) in pairs)
        {
            if (labels.Length > 0)
            {
                labels.Append(',');
            }
            labels.Append(Sanitize(key)).Append("=\"").Append(EscapeValue(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")).Append('"');
        }
        return labels.ToString();
    }

    public static string EscapeHelp(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string EscapeValue(string value) =>
        EscapeHelp(value).Replace("\"", "\\\"", StringComparison.Ordinal);

    private static string Sanitize(string name)
    {
        var sanitized = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            sanitized.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_');
        }
        if (sanitized.Length == 0 || char.IsAsciiDigit(sanitized[0]))
        {
            sanitized.Insert(0, '_');
        }
        return sanitized.ToString();
    }
}
