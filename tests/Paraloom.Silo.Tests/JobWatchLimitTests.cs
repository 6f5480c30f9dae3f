using System.Net;
using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

/// <summary>A silo holds a bounded number of event streams and long polls, per client and in all; a dropped watch frees its place.</summary>
public sealed class JobWatchLimitTests
{
    [Theory]
    [InlineData("JobWatchesPerClient")]
    [InlineData("JobWatches")]
    public async Task A_watch_past_the_cap_is_refused_with_429_and_a_dropped_one_frees_its_place(string cap)
    {
        await using var silo = new SiloFactory(new Dictionary<string, string?> { [cap] = "1" });
        var api = new ApiDriver(silo.CreateClient());
        using var requester = Privacy.SecretKey.Generate();
        var submitted = await api.SubmitAsync(ApiDriver.PrivateJob("watched", Repository.Program("echo"), [1, 2, 3], requester));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);

        var open = await api.OpenEventsAsync("watched");
        Assert.Equal(HttpStatusCode.OK, open.StatusCode);

        var secondStream = await api.OpenEventsAsync("watched");
        Assert.Equal(HttpStatusCode.TooManyRequests, secondStream.StatusCode);
        Assert.Equal("too-many-watches", (await ApiDriver.ProblemAsync(secondStream)).Error);
        var longPoll = await api.LongPollAsync("watched", "after=1&wait=5");
        Assert.Equal(HttpStatusCode.TooManyRequests, longPoll.StatusCode);
        Assert.Equal("too-many-watches", (await ApiDriver.ProblemAsync(longPoll)).Error);
        // A plain status read is no watch: never refused for them.
        Assert.Equal(HttpStatusCode.OK, (await api.Http.GetAsync("/v1/jobs/watched")).StatusCode);

        // The client drops its stream: the silo notices, cancels its wait in the grain and gives its place back.
        open.Dispose();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        HttpStatusCode again;
        do
        {
            await Task.Delay(50, deadline.Token);
            again = (await api.LongPollAsync("watched", "after=1&wait=0", deadline.Token)).StatusCode;
        }
        while (again == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, again);
    }
}
