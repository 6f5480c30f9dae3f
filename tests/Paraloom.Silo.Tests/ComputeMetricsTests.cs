using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

public sealed class ComputeMetricsTests(ObservedSilo observed) : IClassFixture<ObservedSilo>
{
    private string Metrics => observed.Metrics;

    [Fact]
    public void Finalised_rejected_and_retried_jobs_are_counted_with_their_latency()
    {
        Assert.Contains("paraloom_compute_jobs_finalised_total 2\n", Metrics);
        Assert.Contains("paraloom_compute_jobs_rejected_total{reason=\"disagreement\"} 1\n", Metrics);
        // Three attempts: the first and two retries, each on the only three validators there are.
        Assert.Contains("paraloom_compute_jobs_retries_total 2\n", Metrics);
        Assert.Contains("# TYPE paraloom_compute_job_duration_seconds histogram", Metrics);
        Assert.Contains("paraloom_compute_job_duration_seconds_count{outcome=\"finalised\"} 2\n", Metrics);
        Assert.Contains("paraloom_compute_job_duration_seconds_count{outcome=\"rejected\"} 1\n", Metrics);
        // The job's own buckets reach past the default 60 s to the longest distribution timeout.
        Assert.Contains("paraloom_compute_job_duration_seconds_bucket{outcome=\"rejected\",le=\"1800\"} 1\n", Metrics);
    }

    [Fact]
    public void Executions_are_counted_by_outcome_with_duration_and_fuel()
    {
        Assert.Matches("paraloom_compute_executions_total\\{code=\"none\",outcome=\"ok\"\\} [1-9]", Metrics);
        Assert.Matches("paraloom_compute_execution_duration_seconds_count\\{outcome=\"ok\"\\} [1-9]", Metrics);
        Assert.Contains("# TYPE paraloom_compute_execution_fuel histogram", Metrics);
        Assert.Contains("paraloom_compute_execution_fuel_bucket{outcome=\"ok\",le=\"1000000000\"} ", Metrics);
        Assert.Matches("paraloom_compute_execution_fuel_sum\\{outcome=\"ok\"\\} [1-9]", Metrics);
    }

    [Fact]
    public void Votes_selections_and_conduct_are_labelled_by_verdict_and_validator()
    {
        Assert.Matches("paraloom_compute_votes_total\\{verdict=\"accepted\"\\} [1-9]", Metrics);
        Assert.Matches($"paraloom_compute_validator_selections_total\\{{validator_id=\"{ObservedSilo.Liar}\"\\}} [1-9]", Metrics);
        Assert.Matches("paraloom_compute_validator_conduct_total\\{conduct=\"agreed\",validator_id=\"validator-[0-9]+\"\\} [1-9]", Metrics);
    }

    [Fact]
    public void No_job_id_or_job_content_becomes_a_label()
    {
        foreach (var jobId in new[] { "public-1", "private-1", "disagreed-1", "refused-1" })
        {
            Assert.DoesNotContain(jobId, Metrics);
        }
    }
}
