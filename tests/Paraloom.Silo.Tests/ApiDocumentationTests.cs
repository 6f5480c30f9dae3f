using System.Net;
using System.Text.Json;
using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

/// <summary>The HTTP API documents itself: operation ids, every response an operation can give, and /scalar.</summary>
public sealed class ApiDocumentationTests : SiloTest
{
    public static TheoryData<string, string, string, int[]> Operations => new()
    {
        { "/v1/jobs", "post", "SubmitJob", [201, 400, 409, 413, 415, 422, 429, 500, 503] },
        { "/v1/jobs/{jobId}", "get", "GetJobStatus", [200, 400, 404, 429, 500] },
        { "/v1/jobs/{jobId}/events", "get", "StreamJobEvents", [200, 400, 404, 429, 500] },
        { "/v1/jobs/{jobId}/keys", "post", "HandOutJobKey", [200, 400, 403, 404, 409, 413, 415, 500] },
        { "/v1/jobs/{jobId}/result/challenge", "post", "CreateResultChallenge", [200, 400, 404, 500] },
        { "/v1/jobs/{jobId}/result", "post", "GetJobResult", [200, 400, 403, 404, 409, 413, 415, 500] },
        { "/v1/jobs/{jobId}/note-proof", "post", "GetNoteProof", [200, 400, 403, 404, 409, 413, 415, 500] },
        { "/v1/validators", "get", "ListValidators", [200, 500] },
        { "/v1/validators/revocations", "post", "RevokeValidator", [200, 400, 413, 415, 422, 500] },
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task Each_operation_has_its_id_and_every_response_it_can_give(string path, string method, string operationId, int[] statuses)
    {
        using var document = JsonDocument.Parse(await Api.Http.GetStringAsync("/openapi/v1.json"));
        var operation = document.RootElement.GetProperty("paths").GetProperty(path).GetProperty(method);

        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        var documented = operation.GetProperty("responses").EnumerateObject().Select(response => int.Parse(response.Name)).Order();
        Assert.Equal(statuses, documented);
    }

    [Fact]
    public async Task The_event_stream_is_documented_as_server_sent_events_and_the_long_poll_by_its_parameters()
    {
        using var document = JsonDocument.Parse(await Api.Http.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths");

        var events = paths.GetProperty("/v1/jobs/{jobId}/events").GetProperty("get");
        Assert.True(events.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/event-stream", out _));
        Assert.Contains("Last-Event-ID", events.GetProperty("description").GetString());
        var status = paths.GetProperty("/v1/jobs/{jobId}").GetProperty("get");
        var query = status.GetProperty("parameters").EnumerateArray()
            .Where(parameter => parameter.GetProperty("in").GetString() == "query")
            .Select(parameter => parameter.GetProperty("name").GetString());
        Assert.Equal(["after", "wait"], query);
    }

    [Fact]
    public async Task Every_operation_has_a_unique_operation_id()
    {
        using var document = JsonDocument.Parse(await Api.Http.GetStringAsync("/openapi/v1.json"));
        var ids = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .Select(operation => operation.Value.TryGetProperty("operationId", out var id) ? id.GetString() : null)
            .ToList();

        // The six operations of /v1; health checks, /metrics and the dashboards are operational, not API operations.
        Assert.True(ids.Count >= 6, $"{ids.Count} operations");
        Assert.DoesNotContain(null, ids);
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task The_interactive_reference_is_served_at_scalar_in_development()
    {
        var response = await Api.Http.GetAsync("/scalar");
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Paraloom Compute API", page);
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.GetAsync("/scalar/scalar.js")).StatusCode);
    }

    [Fact]
    public async Task A_silo_configured_without_the_reference_does_not_serve_it()
    {
        await using var production = new SiloFactory(new Dictionary<string, string?> { ["ApiReference"] = "false" });
        using var http = production.CreateClient();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/scalar")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/openapi/v1.json")).StatusCode);
    }
}
