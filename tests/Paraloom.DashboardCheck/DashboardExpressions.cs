using System.Text.Json;

namespace Paraloom.DashboardCheck;

/// <summary>
/// Every <c>expr</c> of every dashboard, with Grafana's variables replaced by what Grafana would send for a
/// short range over a one-second scrape interval.
/// </summary>
internal static class DashboardExpressions
{
    /// <summary>
    /// Grafana's built-in variables, longest name first so <c>$__rate_interval</c> is not read as <c>$__rate</c>.
    /// A minute of one-second scrapes holds every event of the job mix, as <c>$__rate_interval</c> would on a
    /// dashboard showing the last few minutes.
    /// </summary>
    private static readonly (string Variable, string Value)[] Variables =
    [
        ("$__rate_interval", "1m"),
        ("${__rate_interval}", "1m"),
        ("$__interval_ms", "5000"),
        ("$__interval", "5s"),
        ("${__interval}", "5s"),
        ("$__range", "5m"),
        ("${__range}", "5m"),
    ];

    public static IReadOnlyList<DashboardExpression> Read(string directory)
    {
        var found = new List<DashboardExpression>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var panel in document.RootElement.GetProperty("panels").EnumerateArray())
            {
                var title = panel.GetProperty("title").GetString()!;
                foreach (var target in panel.TryGetProperty("targets", out var targets) ? targets.EnumerateArray() : default)
                {
                    if (target.TryGetProperty("expr", out var expr))
                    {
                        found.Add(new DashboardExpression(Path.GetFileName(file), title, Substitute(expr.GetString()!)));
                    }
                }
            }
        }
        return found;
    }

    private static string Substitute(string expression) =>
        Variables.Aggregate(expression, (text, variable) => text.Replace(variable.Variable, variable.Value, StringComparison.Ordinal));
}

/// <summary>One query of one panel, ready for Prometheus.</summary>
internal sealed record DashboardExpression(string Dashboard, string Panel, string Expression);
