using System.Net;
using Paraloom.Client.Transport.Http;
using Paraloom.Privacy;

namespace Paraloom.Client.Tests;

/// <summary>
/// A job's event stream whose watch is refused after the stream started (its 200 already sent): the silo ends it with
/// <c>event: error</c> carrying the problem details a refused request gets, and the SDK's HTTP transport throws them as
/// the same <see cref="ParaloomApiException"/>. The requester here may hold one watch: of two streams on a job that
/// keeps still (awaiting keys nobody hands out), one holds it and the other is refused as soon as it would wait.
/// </summary>
public sealed class EventStreamRefusalTests(RequesterLimitedSiloServer silo) : IClassFixture<RequesterLimitedSiloServer>, IDisposable
{
    private readonly SecretKey _requester = SecretKey.Generate();
    private readonly CancellationTokenSource _patience = new(TimeSpan.FromSeconds(60));

    public void Dispose()
    {
        _patience.Dispose();
        _requester.Dispose();
    }

    [Fact]
    public async Task A_watch_refused_mid_stream_ends_the_stream_with_an_error_event_of_the_refusals_problem_details()
    {
        var (jobId, version) = await QuietJobAsync();
        using var holder = CancellationTokenSource.CreateLinkedTokenSource(_patience.Token);
        using var http = silo.CreateClient();

        var streams = new[] { ReadStreamAsync(http, jobId, version, holder.Token), ReadStreamAsync(http, jobId, version, holder.Token) };
        var (status, body) = await await Task.WhenAny(streams);
        await holder.CancelAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("event: error\n", body);
        var error = body[body.IndexOf("event: error\n", StringComparison.Ordinal)..];
        Assert.StartsWith("event: error\ndata: {", error);
        Assert.Contains("\"status\":429", error);
        Assert.Contains("\"error\":\"too-many-watches\"", error);
        Assert.EndsWith("}\n\n", error);
    }

    [Fact]
    public async Task The_sdks_http_transport_throws_an_error_event_as_the_refusal_it_carries()
    {
        var (jobId, version) = await QuietJobAsync();
        using var holder = CancellationTokenSource.CreateLinkedTokenSource(_patience.Token);
        var transport = new HttpTransport(silo.CreateClient);

        var streams = new[] { DrainAsync(transport, jobId, version, holder.Token), DrainAsync(transport, jobId, version, holder.Token) };
        var refused = await Task.WhenAny(streams);
        await holder.CancelAsync();

        var refusal = await Assert.ThrowsAsync<ParaloomApiException>(() => refused);
        Assert.Equal((429, "too-many-watches"), (refusal.Status, refusal.Error));
        Assert.Contains("The requester's jobs have 1 watches open", refusal.Message);
    }

    /// <summary>A private job of this test's requester, awaiting the keys nobody hands out, and its version then.</summary>
    private async Task<(string JobId, long Version)> QuietJobAsync()
    {
        using var client = silo.NewClient();
        using var job = Job.Builder().Wasm(Repository.Program("echo")).PrivateInput([7], _requester.PublicKey).WithOwnershipProof(_requester).Build();
        var jobId = await client.SubmitAsync(job, _patience.Token);
        while (true)
        {
            var status = await client.GetStatusAsync(jobId, _patience.Token);
            if (status.AwaitingKeys)
            {
                return (jobId, status.Version);
            }
            await Task.Delay(30, _patience.Token);
        }
    }

    /// <summary>The stream after <paramref name="version"/> as the silo sends it, to its end; a stream still open when cancelled ends empty.</summary>
    private static async Task<(HttpStatusCode, string)> ReadStreamAsync(HttpClient http, string jobId, long version, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/jobs/{jobId}/events");
        request.Headers.Add("Last-Event-ID", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return (HttpStatusCode.OK, "");
        }
    }

    private static async Task DrainAsync(HttpTransport transport, string jobId, long version, CancellationToken cancellationToken)
    {
        await foreach (var _ in transport.WatchAsync(jobId, version, cancellationToken))
        {
        }
    }
}
