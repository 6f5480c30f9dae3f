using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Paraloom.Privacy;

namespace Paraloom.Client.Tests;

/// <summary>
/// A requester's limits hold whichever transport it takes and whichever address it comes from: past them a clear 429
/// with an error code, and nothing of the refused job is stored. They count per requester key, so other requesters
/// are not held to them.
/// </summary>
public sealed class RequesterLimitTests(RequesterLimitedSiloServer silo) : IClassFixture<RequesterLimitedSiloServer>, IAsyncLifetime
{
    private readonly List<IDisposable> _owned = [];
    private IHost _gateway = null!;

    public async Task InitializeAsync() => _gateway = await silo.ConnectGatewayAsync();

    public async Task DisposeAsync()
    {
        await _gateway.StopAsync();
        _gateway.Dispose();
        _owned.ForEach(owned => owned.Dispose());
    }

    public static TheoryData<ParaloomTransport> Transports => [ParaloomTransport.Http, ParaloomTransport.Orleans];

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_requester_past_its_jobs_in_progress_is_refused_with_429_until_one_is_final(ParaloomTransport transport)
    {
        var client = Client(transport);
        using var requester = Owned(SecretKey.Generate());
        var running = new List<string>();
        for (var i = 0; i < RequesterLimitedSiloServer.Jobs; i++)
        {
            running.Add(await client.SubmitAsync(Endless(requester)));
        }

        using var refusedJob = Endless(requester);
        var refused = await Assert.ThrowsAsync<ParaloomApiException>(() => client.SubmitAsync(refusedJob));

        Assert.Equal((429, "too-many-jobs"), (refused.Status, refused.Error));
        await Assert.ThrowsAsync<JobNotFoundException>(() => client.GetStatusAsync(refusedJob.Id));
        // Another requester, over the same transport and address, is not held to it.
        using var other = Owned(SecretKey.Generate());
        Assert.Equal(JobState.Finalised, (await client.WaitAsync(await client.SubmitAsync(Sum(other, 3)))).State);
        // Once one of the requester's jobs is final (the wall clock rejects it), its place is free again.
        await Assert.ThrowsAsync<JobRejectedException>(() => client.WaitAsync(running[0]));
        Assert.NotNull(await client.SubmitAsync(Sum(requester, 3)));
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_requester_whose_jobs_store_its_quota_is_refused_with_429_even_once_they_are_final(ParaloomTransport transport)
    {
        var client = Client(transport);
        using var requester = Owned(SecretKey.Generate());
        // 600 kB of input each: the first fits in the quota of a megabyte, the second would not.
        var stored = await client.SubmitAsync(Sum(requester, 150_000));
        Assert.Equal(JobState.Finalised, (await client.WaitAsync(stored)).State);

        using var tooMuch = Sum(requester, 150_000);
        var refused = await Assert.ThrowsAsync<ParaloomApiException>(() => client.SubmitAsync(tooMuch));

        Assert.Equal((429, "storage-quota-exceeded"), (refused.Status, refused.Error));
        await Assert.ThrowsAsync<JobNotFoundException>(() => client.GetStatusAsync(tooMuch.Id));
    }

    [Fact]
    public async Task A_watch_past_the_requesters_watches_is_refused_with_429_though_its_address_has_room()
    {
        using var requester = Owned(SecretKey.Generate());
        var http = Client(ParaloomTransport.Http);
        var jobId = await http.SubmitAsync(Endless(requester, TimeSpan.FromSeconds(20)));
        // Past any version the job reaches before it ends: both watches wait.
        var version = (await http.GetStatusAsync(jobId)).Version + 100;
        using var first = silo.CreateClient();
        using var second = silo.CreateClient();
        var longWatch = $"/v1/jobs/{jobId}?after={version}&wait=30";
        var watching = first.GetAsync(longWatch);

        using var refused = await SecondWatchUntilRefusedAsync(second, $"/v1/jobs/{jobId}?after={version}&wait=1", () => watching, () => watching = first.GetAsync(longWatch));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("\"too-many-watches\"", await refused.Content.ReadAsStringAsync());
        using var answered = await watching;
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    /// <summary>
    /// Opens short watches until one is refused while the long watch is open. On a loaded machine the long watch may not
    /// be counted yet when a short one arrives, and a short watch let through just ends; one that holds the requester's
    /// watch when the long watch arrives gets that refused instead, and the long watch is opened again. Nothing is timed.
    /// </summary>
    private static async Task<HttpResponseMessage> SecondWatchUntilRefusedAsync(
        HttpClient client, string path, Func<Task<HttpResponseMessage>> longWatch, Action reopenLongWatch)
    {
        while (true)
        {
            var response = await client.GetAsync(path);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && !longWatch().IsCompleted)
            {
                return response;
            }
            response.Dispose();
            if (longWatch().IsCompleted)
            {
                using var ended = await longWatch();
                Assert.True(ended.StatusCode == HttpStatusCode.TooManyRequests, $"the long watch ended with {ended.StatusCode} before a short one was refused");
                reopenLongWatch();
            }
        }
    }

    private IParaloomClient Client(ParaloomTransport transport) => transport == ParaloomTransport.Http
        ? Owned(silo.NewClient())
        : _gateway.Services.GetRequiredService<IParaloomClient>();

    private T Owned<T>(T disposable)
        where T : IDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    /// <summary>Rejected by its wall clock (two seconds unless told): in progress until then.</summary>
    private static Job Endless(SecretKey requester, TimeSpan? wallClock = null) => Job.Builder()
        .Wasm(EndlessModule.Bytes())
        .Input([1])
        .RequestedBy(requester)
        .Limits(new JobLimits { Fuel = EndlessModule.Fuel, WallClock = wallClock ?? TimeSpan.FromSeconds(2) })
        .Build();

    private static Job Sum(SecretKey requester, int numbers) => Job.Builder()
        .Wasm(Repository.Program("sum"))
        .Input(ProgramInputs.Numbers([.. Enumerable.Range(0, numbers).Select(n => (uint)n)]))
        .RequestedBy(requester)
        .Build();
}
