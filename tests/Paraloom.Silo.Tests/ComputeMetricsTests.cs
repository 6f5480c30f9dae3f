using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

[Collection(MetricsCollection.Name)]
public sealed class ComputeMetricsTests(ObservedSilo observed)
{
    private PrometheusText Metrics => observed.Metrics;

    [Fact]
    public void Finalised_rejected_and_retried_jobs_are_counted_with_their_latency()
    {
        Assert.Equal(2, Metrics.Value("paraloom_compute_jobs_finalised_total"));
        Assert.Equal(1, Metrics.Value("paraloom_compute_jobs_rejected_total", ("reason", "disagreement")));
        // Three attempts: the first and two retries, each on the only three validators there are.
        Assert.Equal(2, Metrics.Value("paraloom_compute_jobs_retries_total"));
        Assert.Contains("# TYPE paraloom_compute_job_duration_seconds histogram", Metrics.Text);
        Assert.Equal(2, Metrics.Value("paraloom_compute_job_duration_seconds_count", ("outcome", "finalised")));
        Assert.Equal(1, Metrics.Value("paraloom_compute_job_duration_seconds_count", ("outcome", "rejected")));
        // The job's own buckets reach past the default 60 s to the longest distribution timeout.
        Assert.Equal(1, Metrics.Value("paraloom_compute_job_duration_seconds_bucket", ("outcome", "rejected"), ("le", "1800")));
    }

    [Fact]
    public void Counters_the_dashboards_read_exist_at_zero_before_their_first_event()
    {
        Assert.Equal(0, Metrics.Value("paraloom_compute_jobs_rejected_total", ("reason", "distribution-timeout")));
        Assert.Equal(0, Metrics.Value("paraloom_compute_jobs_rejected_total", ("reason", "key-hand-out-timeout")));
        Assert.Equal(0, Metrics.Value("paraloom_compute_jobs_capacity_waits_total"));
        foreach (var validator in observed.ValidatorIds)
        {
            Assert.Equal(0, Metrics.Value("paraloom_compute_validator_refusals_total", ("validator_id", validator)));
            Assert.Equal(0, Metrics.Value("paraloom_compute_validator_conduct_total", ("validator_id", validator), ("conduct", "equivocated")));
        }
    }

    [Fact]
    public void Executions_are_counted_by_outcome_with_duration_and_fuel()
    {
        Assert.True(Metrics.Value("paraloom_compute_executions_total", ("outcome", "ok"), ("code", "none")) > 0);
        Assert.True(Metrics.Value("paraloom_compute_execution_duration_seconds_count", ("outcome", "ok")) > 0);
        Assert.Contains("# TYPE paraloom_compute_execution_fuel histogram", Metrics.Text);
        Assert.Single(Metrics.Find("paraloom_compute_execution_fuel_bucket", ("outcome", "ok"), ("le", "1000000000")));
        Assert.True(Metrics.Value("paraloom_compute_execution_fuel_sum", ("outcome", "ok")) > 0);
    }

    [Fact]
    public void Votes_selections_and_conduct_are_labelled_by_verdict_and_validator()
    {
        Assert.True(Metrics.Value("paraloom_compute_votes_total", ("verdict", "accepted")) > 0);
        Assert.True(Metrics.Value("paraloom_compute_validator_selections_total", ("validator_id", observed.LiarId)) > 0);
        Assert.True(Metrics.Find("paraloom_compute_validator_conduct_total", ("conduct", "agreed")).Sum(sample => sample.Value) > 0);
    }

    [Fact]
    public void Every_series_names_its_silo()
    {
        var unlabelled = Metrics.Names.SelectMany(name => Metrics.Find(name))
            .Where(sample => !sample.Labels.TryGetValue("service_instance_id", out var silo) || silo != "local")
            .Select(sample => sample.Name)
            .Distinct();

        Assert.Empty(unlabelled);
    }

    [Fact]
    public void Orleans_runtime_process_and_http_series_are_exported()
    {
        Assert.True(Metrics.Value("orleans_grains", ("grain_type", "validator")) >= 3);
        Assert.Contains("orleans_app_requests_latency_milliseconds_bucket", Metrics.Names);
        Assert.Contains("dotnet_gc_collections_total", Metrics.Names);
        Assert.Contains("process_cpu_time_seconds_total", Metrics.Names);
        Assert.True(Metrics.Find("http_server_request_duration_seconds_count", ("http_route", "/v1/jobs/"), ("http_request_method", "POST")).Sum(sample => sample.Value) >= 4);
        Assert.Equal(1, Metrics.Value("target_info", ("service_name", "paraloom-silo")));
    }

    [Fact]
    public void No_job_id_or_job_content_becomes_a_label()
    {
        foreach (var jobId in new[] { "public-1", "private-1", "disagreed-1", "refused-1" })
        {
            Assert.DoesNotContain(jobId, Metrics.Text);
        }
    }
}
