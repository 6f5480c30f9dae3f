using System.Collections.Concurrent;
using System.Diagnostics;
using Paraloom.Grains;
using Paraloom.Silo.Tests.Support;

namespace Paraloom.Silo.Tests;

public sealed class TracingTests : SiloTest, IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name.StartsWith("Paraloom.", StringComparison.Ordinal) || source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task One_job_is_one_trace_from_the_http_request_through_the_job_quorum_and_validator()
    {
        await Api.SubmitAsync(ApiDriver.PublicJob("traced-1", Repository.Program("sum"), ProgramInputs.Numbers(7), Requester));
        Assert.Equal("Finalised", (await Api.WaitFinalAsync("traced-1", Requester)).State);

        var job = Spans("job submit").Single();
        var request = _stopped.Single(activity => activity.Source.Name == "Microsoft.AspNetCore"
            && activity.TraceId == job.TraceId && activity.Parent is null);
        Assert.Equal("POST", request.GetTagItem("http.request.method"));
        Assert.Contains(Spans("validator execute"), span => span.TraceId == job.TraceId);
        Assert.Contains(Spans("quorum vote"), span => span.TraceId == job.TraceId);
        Assert.Contains(ComputeTelemetry.ActivitySourceNames, name => name == job.Source.Name);
    }

    /// <summary>This test's spans of one kind: other tests' silos run in the same process.</summary>
    private List<Activity> Spans(string name) =>
        [.. _stopped.Where(activity => activity.OperationName == name && (string?)activity.GetTagItem("paraloom.job.id") == "traced-1")];

    public void Dispose() => _listener.Dispose();
}
