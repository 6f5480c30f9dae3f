using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans;
using Paraloom.Grains;
using Paraloom.Privacy;

namespace Paraloom.Client.Tests;

/// <summary>
/// The HTTP API's limits per remote address hold for each Orleans gateway client too, on the real silo and real
/// gateway clients: past its turn and queue a submission is refused with 429 <c>too-many-submissions</c> and nothing of it
/// is stored; past its own watches, or the silo's, a watch is refused with 429 <c>too-many-watches</c>. Other clients
/// are not held to one client's limits, and a place frees when its call ends.
/// </summary>
public sealed class GatewayClientLimitTests(GatewayLimitedSiloServer silo) : IClassFixture<GatewayLimitedSiloServer>, IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly SecretKey _requester = SecretKey.Generate();
    private readonly List<IHost> _gateways = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways)
        {
            await gateway.StopAsync();
            gateway.Dispose();
        }
        _requester.Dispose();
    }

    [Fact]
    public async Task A_clients_submission_past_its_turn_and_queue_is_refused_with_429_and_nothing_of_it_is_stored()
    {
        using var patience = new CancellationTokenSource(Bound);
        var client = Sdk(await ConnectAsync());
        using var held = Sum(1);
        silo.Gate.Hold(held.Id);
        var first = client.SubmitAsync(held, patience.Token);
        Assert.Equal(held.Id, await silo.Gate.NextHeldAsync(patience.Token));

        // The first holds the client's one turn: of the next two, one waits in its one queue place and one is refused.
        using var second = Sum(2);
        using var third = Sum(3);
        var next = new[] { client.SubmitAsync(second, patience.Token), client.SubmitAsync(third, patience.Token) };
        var refused = await Task.WhenAny(next);
        var refusal = await Assert.ThrowsAsync<ParaloomApiException>(() => refused);
        Assert.Equal((429, ClientLimitException.TooManySubmissions), (refusal.Status, refusal.Error));
        var refusedJob = refused == next[0] ? second : third;
        await Assert.ThrowsAsync<JobNotFoundException>(() => client.GetStatusAsync(refusedJob.Id, patience.Token));
        // Another gateway client, and the HTTP API, are not held to this client's turn.
        using var other = Sum(4);
        Assert.Equal(other.Id, await Sdk(await ConnectAsync()).SubmitAsync(other, patience.Token));
        using var overHttp = Sum(5);
        using var http = silo.NewClient();
        Assert.Equal(overHttp.Id, await http.SubmitAsync(overHttp, patience.Token));

        silo.Gate.Release(held.Id);
        Assert.Equal(held.Id, await first);
        var waited = next.Single(submission => submission != refused);
        Assert.Equal(refused == next[0] ? third.Id : second.Id, await waited);
        Assert.Equal(JobState.Finalised, (await client.WaitAsync(held.Id, cancellationToken: patience.Token)).State);
    }

    [Fact]
    public async Task A_watch_past_the_clients_watches_or_the_silos_is_refused_with_429_until_one_ends()
    {
        using var patience = new CancellationTokenSource(Bound);
        var (first, second, third) = (await ConnectAsync(), await ConnectAsync(), await ConnectAsync());
        using var endless = Job.Builder().Wasm(EndlessModule.Bytes()).Input([1]).RequestedBy(_requester)
            .Limits(new JobLimits { Fuel = EndlessModule.Fuel, WallClock = TimeSpan.FromSeconds(30) }).Build();
        var jobId = await Sdk(first).SubmitAsync(endless, patience.Token);
        // Past any version the job reaches: every watch waits its whole second once the gate lets it go.
        var version = (await Sdk(first).GetStatusAsync(jobId, patience.Token)).Version + 100;
        silo.Gate.Hold(jobId);

        var firstWatch = Watch(first, jobId, version);
        Assert.Equal(jobId, await silo.Gate.NextHeldAsync(patience.Token));
        await AssertRefusedAsync(Watch(first, jobId, version), "A client may hold 1 job watches");
        var secondWatch = Watch(second, jobId, version);
        Assert.Equal(jobId, await silo.Gate.NextHeldAsync(patience.Token));
        await AssertRefusedAsync(Watch(third, jobId, version), $"this silo {GatewayLimitedSiloServer.JobWatches} in all");
        // A wait of zero is a status, not a watch: it is answered.
        Assert.Equal(version - 100, (await JobGrain(third, jobId).WaitForChangeAsync(version, TimeSpan.Zero)).Version);

        silo.Gate.Release(jobId);
        await Task.WhenAll(firstWatch, secondWatch);
        await Watch(third, jobId, version);
    }

    private static Task<JobStatus> Watch(IHost gateway, string jobId, long version) =>
        JobGrain(gateway, jobId).WaitForChangeAsync(version, TimeSpan.FromSeconds(1));

    private static async Task AssertRefusedAsync(Task<JobStatus> watch, string reason)
    {
        var refused = await Assert.ThrowsAsync<ClientLimitException>(() => watch);
        Assert.Equal((429, ClientLimitException.TooManyWatches), (Refusal.Of(refused)!.Status, Refusal.Of(refused)!.Error));
        Assert.Contains(reason, refused.Message);
    }

    private static IComputeJobGrain JobGrain(IHost gateway, string jobId) =>
        gateway.Services.GetRequiredService<IClusterClient>().GetGrain<IComputeJobGrain>(jobId);

    private static IParaloomClient Sdk(IHost gateway) => gateway.Services.GetRequiredService<IParaloomClient>();

    private async Task<IHost> ConnectAsync()
    {
        var gateway = await silo.ConnectGatewayAsync();
        _gateways.Add(gateway);
        return gateway;
    }

    private Job Sum(uint number) => Job.Builder().Wasm(Repository.Program("sum")).Input(ProgramInputs.Numbers(number)).RequestedBy(_requester).Build();
}
