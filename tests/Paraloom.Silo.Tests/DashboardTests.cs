using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

[Collection(MetricsCollection.Name)]
public sealed class DashboardTests(ObservedSilo observed)
{
    /// <summary>Series Prometheus writes itself for every scrape target, so no exporter has them.</summary>
    private static readonly HashSet<string> ScrapeSeries = new(StringComparer.Ordinal) { "up" };

    public static TheoryData<string> Names => new(Dashboards.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_query_names_only_metrics_a_silo_exports(string dashboard)
    {
        using var document = Dashboards.Load(dashboard);
        var exported = observed.Metrics.Names;

        var expressions = Dashboards.Expressions(document.RootElement);

        Assert.NotEmpty(expressions);
        foreach (var expression in expressions)
        {
            var names = PromQlMetricNames.Of(expression);
            Assert.True(names.Count > 0, $"{dashboard}: '{expression}' names no metric");
            foreach (var name in names.Where(name => !ScrapeSeries.Contains(name)))
            {
                Assert.True(exported.Contains(name), $"{dashboard}: '{expression}' reads {name}, which /metrics does not export");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_panel_reads_the_prometheus_datasource_variable(string dashboard)
    {
        using var document = Dashboards.Load(dashboard);
        var root = document.RootElement;

        Assert.InRange(root.GetProperty("schemaVersion").GetInt32(), 36, 41);
        var variable = root.GetProperty("templating").GetProperty("list").EnumerateArray()
            .Single(v => v.GetProperty("name").GetString() == "datasource");
        Assert.Equal("datasource", variable.GetProperty("type").GetString());
        Assert.Equal("prometheus", variable.GetProperty("query").GetString());
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(panels.Count, panels.Select(panel => panel.GetProperty("id").GetInt32()).Distinct().Count());
        foreach (var target in panels.SelectMany(panel => panel.GetProperty("targets").EnumerateArray()))
        {
            Assert.Equal("${datasource}", target.GetProperty("datasource").GetProperty("uid").GetString());
        }
    }

    [Fact]
    public void Metric_names_are_read_past_functions_labels_ranges_and_grouping()
    {
        Assert.Equal(
            ["paraloom_compute_execution_duration_seconds_bucket"],
            PromQlMetricNames.Of("histogram_quantile(0.99, sum by (le, outcome) (rate(paraloom_compute_execution_duration_seconds_bucket{outcome=\"ok\"}[$__rate_interval])))"));
        Assert.Equal(
            ["a_total", "b_total"],
            PromQlMetricNames.Of("sum without (instance) (increase(a_total{x=~\"y|z\"}[1h])) / on (job) group_left b_total offset 5m").Order());
        Assert.Equal(["up"], PromQlMetricNames.Of("sum(up{job=\"paraloom-silo\"}) > bool 0"));
    }
}
