using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using Paraloom.Compute;
using Paraloom.Silo.Tests.Support;
using Paraloom.Wire;

namespace Paraloom.Silo.Tests;

/// <summary>A job's state changes pushed over HTTP: the event stream and the long poll, both woken by the job grain.</summary>
public sealed class JobEventTests : SiloTest
{
    /// <summary>
    /// Longer than a woken watch takes and shorter than one wait in the grain (20 s): a watch that answers inside it was
    /// woken by the transition, not by its wait running out.
    /// </summary>
    private static readonly TimeSpan WokenWithin = TimeSpan.FromSeconds(12);

    [Fact]
    public async Task A_private_jobs_stream_carries_its_states_in_order_under_strictly_increasing_versions_and_ends_when_final()
    {
        await SubmitPrivateAsync("streamed");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var stream = await Api.OpenEventsAsync("streamed", cancellationToken: deadline.Token);
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("no-cache", stream.Headers.CacheControl?.ToString());

        var events = new List<SseItem<JobStatusResponse>>();
        await foreach (var item in ApiDriver.EventsAsync(stream, deadline.Token))
        {
            events.Add(item);
            if (item.Data.AwaitingKeys)
            {
                // The hand-out reacts to the pushed status: no poll in between.
                var handedOut = await Api.Http.PostAsJsonAsync("/v1/jobs/streamed/keys", ApiDriver.HandOut(item.Data, Requester), ApiDriver.Json);
                Assert.Equal(HttpStatusCode.OK, handedOut.StatusCode);
            }
        }

        Assert.All(events, item => Assert.Equal("status", item.EventType));
        Assert.All(events, item => Assert.Equal(item.Data.Version.ToString(), item.EventId));
        var versions = events.Select(item => item.Data.Version).ToList();
        Assert.Equal(versions.Order().Distinct(), versions);
        Assert.Equal("AwaitingKeys", events[0].Data.State);
        var states = events.Select(item => Enum.Parse<JobState>(item.Data.State)).ToList();
        Assert.Equal(states.Order(), states);
        Assert.Equal("Finalised", events[^1].Data.State);
        Assert.Equal(1, events.Count(item => item.Data.State == "Finalised"));
        // The last event is what GET answers about the final job: the same JSON, the same version.
        var final = await Api.StatusAsync("streamed");
        Assert.Equal(final.Version, events[^1].Data.Version);
        Assert.Equal(final.Digest, events[^1].Data.Digest);
        Assert.Equal(final.VotesReceived, events[^1].Data.VotesReceived);
    }

    [Fact]
    public async Task A_broken_stream_resumed_with_Last_Event_ID_gets_only_later_versions_to_the_end()
    {
        var submitted = await SubmitPrivateAsync("resumed");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        SseItem<JobStatusResponse> first;
        using (var broken = await Api.OpenEventsAsync("resumed", cancellationToken: deadline.Token))
        {
            first = await ApiDriver.EventsAsync(broken, deadline.Token).FirstAsync(deadline.Token);
        }
        Assert.Equal(submitted.Version, first.Data.Version);
        var handedOut = await Api.Http.PostAsJsonAsync("/v1/jobs/resumed/keys", ApiDriver.HandOut(first.Data, Requester), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.OK, handedOut.StatusCode);

        using var resumed = await Api.OpenEventsAsync("resumed", first.EventId, deadline.Token);
        var rest = await ApiDriver.EventsAsync(resumed, deadline.Token).ToListAsync(deadline.Token);

        Assert.NotEmpty(rest);
        Assert.All(rest, item => Assert.True(item.Data.Version > first.Data.Version));
        Assert.Equal("Finalised", rest[^1].Data.State);

        // Resumed at the final version, the stream has nothing more to say; from 0, it says where the job is.
        using var atEnd = await Api.OpenEventsAsync("resumed", rest[^1].EventId, deadline.Token);
        Assert.Empty(await ApiDriver.EventsAsync(atEnd, deadline.Token).ToListAsync(deadline.Token));
        using var fromStart = await Api.OpenEventsAsync("resumed", "0", deadline.Token);
        var all = await ApiDriver.EventsAsync(fromStart, deadline.Token).ToListAsync(deadline.Token);
        Assert.Equal(rest[^1].Data.Version, Assert.Single(all).Data.Version);
    }

    [Fact]
    public async Task A_long_poll_is_woken_by_the_next_transition()
    {
        var awaiting = await SubmitPrivateAsync("woken");
        using var guard = new CancellationTokenSource(WokenWithin);
        var poll = Api.LongPollAsync("woken", $"after={awaiting.Version}&wait=60", guard.Token);
        // Give the poll time to reach the grain and wait there; answered earlier, it would still be correct.
        await Task.Delay(300);
        Assert.False(poll.IsCompleted);
        var handedOut = await Api.Http.PostAsJsonAsync("/v1/jobs/woken/keys", ApiDriver.HandOut(awaiting, Requester), ApiDriver.Json);
        Assert.Equal(HttpStatusCode.OK, handedOut.StatusCode);

        var response = await poll;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var woken = (await response.Content.ReadFromJsonAsync<JobStatusResponse>(ApiDriver.Json))!;
        Assert.True(woken.Version > awaiting.Version);
        Assert.NotEqual("AwaitingKeys", woken.State);
    }

    [Fact]
    public async Task A_long_poll_answers_at_once_past_its_version_and_with_the_unchanged_status_when_its_wait_ends()
    {
        var awaiting = await SubmitPrivateAsync("quiet");

        var past = await StatusAsync(await Api.LongPollAsync("quiet", $"after={awaiting.Version - 1}&wait=60"));
        Assert.Equal(awaiting.Version, past.Version);
        // Nothing changes while the requester holds the keys back: the poll ends with the status it started from.
        var unchanged = await StatusAsync(await Api.LongPollAsync("quiet", $"after={awaiting.Version}&wait=0.3"));
        Assert.Equal(awaiting.Version, unchanged.Version);
        Assert.Equal("AwaitingKeys", unchanged.State);
        var immediate = await StatusAsync(await Api.LongPollAsync("quiet", $"after={awaiting.Version}&wait=0"));
        Assert.Equal(awaiting.Version, immediate.Version);
    }

    [Fact]
    public async Task A_final_job_answers_a_long_poll_at_once_even_past_its_version()
    {
        await Api.SubmitAsync(ApiDriver.PublicJob("done", Repository.Program("sum"), ProgramInputs.Numbers(2), Requester));
        var final = await Api.WaitFinalAsync("done", Requester);

        using var guard = new CancellationTokenSource(WokenWithin);
        var answer = await StatusAsync(await Api.LongPollAsync("done", $"after={final.Version + 5}&wait=60", guard.Token));
        Assert.Equal(final.Version, answer.Version);
        Assert.Equal("Finalised", answer.State);
    }

    [Fact]
    public async Task Every_status_carries_a_version_that_grows_with_each_transition()
    {
        var submitted = await Api.SubmitAsync(ApiDriver.PublicJob("counted", Repository.Program("sum"), ProgramInputs.Numbers(1), Requester));
        var accepted = (await submitted.Content.ReadFromJsonAsync<JobStatusResponse>(ApiDriver.Json))!;
        Assert.Equal(1, accepted.Version);
        var final = await Api.WaitFinalAsync("counted", Requester);
        Assert.True(final.Version > accepted.Version);
        Assert.Equal(final.Version, (await Api.StatusAsync("counted")).Version);
    }

    [Theory]
    [InlineData("events")]
    [InlineData("long-poll")]
    public async Task An_unknown_job_is_404(string watch)
    {
        var response = watch == "events" ? await Api.OpenEventsAsync("nobody") : await Api.LongPollAsync("nobody", "after=0&wait=1");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("unknown-job", (await ApiDriver.ProblemAsync(response)).Error);
    }

    [Theory]
    [InlineData("after=-1&wait=1")]
    [InlineData("after=abc")]
    [InlineData("after=1.5")]
    [InlineData("after=1&wait=soon")]
    [InlineData("after=1&wait=-2")]
    [InlineData("after=1&wait=NaN")]
    [InlineData("wait=5")]
    public async Task A_bad_after_or_wait_is_400_and_changes_nothing(string query)
    {
        var awaiting = await SubmitPrivateAsync("asked");
        var response = await Api.LongPollAsync("asked", query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad-request", (await ApiDriver.ProblemAsync(response)).Error);
        Assert.Equal(awaiting.Version, (await Api.StatusAsync("asked")).Version);
    }

    [Fact]
    public async Task A_bad_Last_Event_ID_is_400()
    {
        await SubmitPrivateAsync("resume-bad");
        var response = await Api.OpenEventsAsync("resume-bad", "yesterday");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("bad-request", (await ApiDriver.ProblemAsync(response)).Error);
    }

    private async Task<JobStatusResponse> SubmitPrivateAsync(string jobId)
    {
        var submitted = await Api.SubmitAsync(ApiDriver.PrivateJob(jobId, Repository.Program("echo"), "kept private"u8.ToArray(), Requester));
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var status = (await submitted.Content.ReadFromJsonAsync<JobStatusResponse>(ApiDriver.Json))!;
        Assert.True(status.AwaitingKeys);
        return status;
    }

    private static async Task<JobStatusResponse> StatusAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JobStatusResponse>(ApiDriver.Json))!;
    }
}
