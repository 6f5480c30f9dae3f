using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Paraloom.Privacy;
using Paraloom.Silo.Tests.Support;
using Paraloom.Wire;

namespace Paraloom.Silo.Tests;

[Collection(MetricsCollection.Name)]
public sealed class OperationsTests : SiloTest
{
    [Fact]
    public async Task Liveness_and_readiness_answer_once_the_validators_have_joined()
    {
        Assert.Equal("ok", await Api.Http.GetStringAsync("/healthz"));

        var ready = await Api.Http.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(3, body.RootElement.GetProperty("validators").GetInt32());
    }

    [Fact]
    public async Task The_openapi_document_describes_the_v1_api()
    {
        using var document = JsonDocument.Parse(await Api.Http.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        foreach (var path in new[] { "/v1/jobs", "/v1/jobs/{jobId}", "/v1/jobs/{jobId}/keys", "/v1/jobs/{jobId}/result", "/v1/validators" })
        {
            Assert.True(paths.TryGetProperty(path, out _), $"{path} is missing from the OpenAPI document");
        }
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        Assert.True(schemas.TryGetProperty("SubmitJobRequest", out var submit));
        Assert.Contains("jobId", submit.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Metrics_count_submissions_refusals_and_show_this_silos_validators_in_prometheus_text()
    {
        await Api.SubmitAsync(ApiDriver.PublicJob("m-1", Repository.Program("sum"), ProgramInputs.Numbers(1), Requester));
        await Api.SubmitAsync(ApiDriver.PublicJob("m-2", WasmModules.WithImport(), [], Requester));

        var response = await Api.Http.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();
        var metrics = new PrometheusText(text);

        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE paraloom_silo_jobs_submitted_total counter", text);
        Assert.Equal(1, metrics.Value("paraloom_silo_jobs_submitted_total", ("privacy", "public")));
        Assert.Equal(0, metrics.Value("paraloom_silo_jobs_submitted_total", ("privacy", "private")));
        Assert.Equal(1, metrics.Value("paraloom_silo_submissions_refused_total", ("error", "module-has-imports")));
        Assert.Single(metrics.Find("paraloom_validator_reputation", ("validator_id", Silo.ValidatorIds[1]), ("service_instance_id", "local")));
        // Other test silos in this process export through the same meter names: look for this silo's own validators.
        Assert.All(Silo.ValidatorIds, id => Assert.Single(metrics.Find("paraloom_validator_capacity", ("validator_id", id))));
    }

    [Fact]
    public async Task A_private_job_leaves_no_plaintext_in_logs_or_metrics()
    {
        byte[] secretInput = "SALARY-ROW-7f3a9c-PLAINTEXT"u8.ToArray();
        await Api.SubmitAsync(ApiDriver.PrivateJob("secret-1", Repository.Program("echo"), secretInput, Requester));
        await Api.WaitFinalAsync("secret-1", Requester);
        await Api.ResultAsync("secret-1", await Api.SignedChallengeAsync("secret-1", Requester));
        var metrics = await Api.Http.GetStringAsync("/metrics");
        var logs = Silo.Logs.Text;

        Assert.Contains("secret-1", logs);
        foreach (var encoding in new[] { "SALARY-ROW-7f3a9c", Convert.ToBase64String(secretInput), Convert.ToHexString(secretInput) })
        {
            Assert.DoesNotContain(encoding, logs, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(encoding, metrics, StringComparison.OrdinalIgnoreCase);
        }
        Assert.DoesNotContain(Requester.ExportHex(), logs, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Each_refused_submission_and_each_finished_job_is_one_information_line_and_a_private_jobs_tells_nothing_of_its_input()
    {
        byte[] secretInput = "PAYROLL-ROW-51c2e8-PLAINTEXT"u8.ToArray();
        await Api.SubmitAsync(ApiDriver.PublicJob("log-refused", WasmModules.WithImport(), [], Requester));
        await Api.SubmitAsync(ApiDriver.PublicJob("log-public", Repository.Program("sum"), ProgramInputs.Numbers(1, 2, 3), Requester));
        await Api.SubmitAsync(ApiDriver.PrivateJob("log-private", Repository.Program("echo"), secretInput, Requester));
        var done = await Api.WaitFinalAsync("log-public", Requester);
        await Api.WaitFinalAsync("log-private", Requester);
        var result = (await (await Api.ResultAsync("log-public", await Api.SignedChallengeAsync("log-public", Requester)))
            .Content.ReadFromJsonAsync<JobResultResponse>(ApiDriver.Json))!;
        var lines = Silo.Logs.Text.Split('\n');

        Assert.Single(lines, line => line.StartsWith("Information ", StringComparison.Ordinal)
            && line.Contains($"Submission of job log-refused refused: module-has-imports (requester {Requester.PublicKey.ToHex()})", StringComparison.Ordinal));
        Assert.Single(lines, line => line.StartsWith("Information ", StringComparison.Ordinal)
            && line.Contains($"Job log-public finished Finalised after 1 attempts: fuel {result.FuelUsed}, fee {done.Fee} credits", StringComparison.Ordinal));
        var privateLine = Assert.Single(lines, line => line.Contains("job log-private finished", StringComparison.Ordinal));
        Assert.Contains("Information ", privateLine, StringComparison.Ordinal);
        Assert.EndsWith("Private job log-private finished Finalised after 1 attempts ", privateLine, StringComparison.Ordinal);
        foreach (var encoding in new[] { "PAYROLL-ROW-51c2e8", Convert.ToBase64String(secretInput), Convert.ToHexString(secretInput) })
        {
            Assert.DoesNotContain(encoding, Silo.Logs.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Unknown_routes_are_problem_details_too()
    {
        var response = await Api.Http.GetAsync("/v1/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(404, (await ApiDriver.ProblemAsync(response)).Status);
    }
}
