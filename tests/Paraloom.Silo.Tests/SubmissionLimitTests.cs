using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

/// <summary>One client gets a bounded number of submissions in progress; past its queue it is refused before its body is read.</summary>
public sealed class SubmissionLimitTests() : SiloTest(new SiloFactory(new Dictionary<string, string?>
{
    ["ConcurrentSubmissionsPerClient"] = "1",
    ["QueuedSubmissionsPerClient"] = "0",
}))
{
    [Fact]
    public async Task Submissions_past_the_clients_turn_and_queue_are_refused_with_429_and_nothing_of_them_is_stored()
    {
        using var http = Silo.CreateClient();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => http.PostAsJsonAsync(
            "/v1/jobs", ApiDriver.PublicJob($"burst-{i}", Repository.Program("sum"), ProgramInputs.Numbers((uint)i), Requester))));

        var refused = responses.Where(response => response.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(refused);
        Assert.All(responses, response => Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.TooManyRequests }));
        using var problem = JsonDocument.Parse(await refused[0].Content.ReadAsStringAsync());
        Assert.Equal("too-many-submissions", problem.RootElement.GetProperty("error").GetString());
        var accepted = responses.Count(response => response.StatusCode == HttpStatusCode.Created);
        Assert.Equal(accepted, Silo.StoredJobCount);
        // The turn is free again once the burst is answered.
        var after = await http.PostAsJsonAsync("/v1/jobs", ApiDriver.PublicJob("after", Repository.Program("sum"), ProgramInputs.Numbers(1), Requester));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);
    }
}
