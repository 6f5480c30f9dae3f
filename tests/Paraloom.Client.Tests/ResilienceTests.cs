using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;

namespace Paraloom.Client.Tests;

/// <summary>
/// <c>AddParaloomClient</c>: the client from DI, over IHttpClientFactory with the standard resilience handler.
/// A test handler in front of the test server fails the first requests, as a restarting silo or a proxy would.
/// </summary>
public sealed class ResilienceTests(SiloServer silo) : RequesterTest(silo), IClassFixture<SiloServer>
{
    [Fact]
    public async Task A_transient_failure_of_a_read_is_retried()
    {
        var flaky = new FlakyHandler(HttpMethod.Get, failures: 2);
        using var services = Services(flaky);
        var client = services.GetRequiredService<IParaloomClient>();
        var job = Job.Builder().Wasm(Repository.Program("echo")).Input([1]).RequestedBy(Requester).Build();
        var jobId = await client.SubmitAsync(job, Patience.Token);

        var status = await client.GetStatusAsync(jobId, Patience.Token);

        Assert.Equal(jobId, status.JobId);
        Assert.Equal(3, flaky.Seen(HttpMethod.Get));
    }

    [Fact]
    public async Task A_submission_is_not_retried_and_its_failure_is_typed()
    {
        var flaky = new FlakyHandler(HttpMethod.Post, failures: 1);
        using var services = Services(flaky);
        var client = services.GetRequiredService<IParaloomClient>();
        var job = Job.Builder().Wasm(Repository.Program("echo")).Input([1]).RequestedBy(Requester).Build();

        var refused = await Assert.ThrowsAsync<ParaloomApiException>(() => client.SubmitAsync(job, Patience.Token));

        Assert.Equal(503, refused.Status);
        Assert.Equal(1, flaky.Seen(HttpMethod.Post));
    }

    [Fact]
    public async Task A_silo_that_does_not_answer_is_a_typed_exception_after_the_retries()
    {
        var services = new ServiceCollection();
        services.AddParaloomClient(options => options.BaseAddress = new Uri("http://127.0.0.1:1"));
        FastRetries(services);
        using var provider = services.BuildServiceProvider();

        var down = await Assert.ThrowsAsync<SiloUnreachableException>(() => provider.GetRequiredService<IParaloomClient>().GetStatusAsync("any"));

        Assert.IsAssignableFrom<ParaloomApiException>(down);
        Assert.Equal(0, down.Status);
        Assert.Equal("unreachable", down.Error);
        Assert.IsType<HttpRequestException>(down.InnerException);
        Assert.StartsWith("cannot reach the silo at http://127.0.0.1:1/", down.Message);
    }

    [Fact]
    public async Task A_silo_that_refuses_the_connection_is_reported_at_the_first_attempt()
    {
        var attempts = new CountingHandler { InnerHandler = new SocketsHttpHandler() };
        var services = new ServiceCollection();
        // The standard handler as the SDK configures it: no faster retries here.
        services.AddParaloomClient(options => options.BaseAddress = new Uri("http://127.0.0.1:1")).ConfigurePrimaryHttpMessageHandler(() => attempts);
        using var provider = services.BuildServiceProvider();

        await Assert.ThrowsAsync<SiloUnreachableException>(() => provider.GetRequiredService<IParaloomClient>().GetStatusAsync("any"));

        Assert.Equal(1, attempts.Count);
    }

    private ServiceProvider Services(FlakyHandler flaky)
    {
        var services = new ServiceCollection();
        services.AddParaloomClient(options =>
            {
                options.BaseAddress = Silo.Server.BaseAddress;
                options.PollInterval = TimeSpan.FromMilliseconds(30);
            })
            .ConfigurePrimaryHttpMessageHandler(() =>
            {
                flaky.InnerHandler = Silo.Server.CreateHandler();
                return flaky;
            });
        FastRetries(services);
        return services.BuildServiceProvider();
    }

    /// <summary>The standard handler's retry options, under the name the CLI configures too, with short delays.</summary>
    private static void FastRetries(IServiceCollection services) =>
        services.Configure<HttpStandardResilienceOptions>(ParaloomClient.HttpClientName + "-standard", options =>
        {
            options.Retry.Delay = TimeSpan.FromMilliseconds(10);
            options.Retry.UseJitter = false;
        });

    /// <summary>Counts the requests sent through it.</summary>
    private sealed class CountingHandler : DelegatingHandler
    {
        private int _count;

        public int Count => _count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _count);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>Answers the first <c>failures</c> requests of one method with 503, then passes requests through.</summary>
    private sealed class FlakyHandler(HttpMethod method, int failures) : DelegatingHandler
    {
        private readonly Dictionary<HttpMethod, int> _seen = [];

        public int Seen(HttpMethod of)
        {
            lock (_seen)
            {
                return _seen.GetValueOrDefault(of);
            }
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            int count;
            lock (_seen)
            {
                count = _seen[request.Method] = _seen.GetValueOrDefault(request.Method) + 1;
            }
            return request.Method == method && count <= failures
                ? Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request })
                : base.SendAsync(request, cancellationToken);
        }
    }
}
