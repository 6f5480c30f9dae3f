using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Paraloom.Actors.Tests.Grains;
using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests;

public sealed class MetricsTests
{
    public interface IMeteredGrain : IGrainWithStringKey
    {
        Task Ok();

        Task Fail();
    }

    /// <summary>Used by this test only, so parallel tests cannot add to its grain type's numbers.</summary>
    [GrainType("metered")]
    public sealed class MeteredGrain : Grain, IMeteredGrain
    {
        public Task Ok() => Task.CompletedTask;

        public Task Fail() => throw new GrainRuleException("x");
    }

    [Fact]
    public async Task Calls_activations_and_durations_are_published_on_the_Paraloom_Actors_meter()
    {
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string? GrainType, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ActorInstrumentation.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue(Describe(instrument, value, tags)));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue(Describe(instrument, value, tags)));
        listener.Start();
        await using var cluster = await Clusters.StartAsync(new LifecycleLog(), configure: silo => silo.AddGrain<IMeteredGrain, MeteredGrain>());

        var grain = cluster.GrainFactory.GetGrain<IMeteredGrain>("metrics");
        await grain.Ok();
        await grain.Ok();
        await Assert.ThrowsAsync<GrainRuleException>(() => grain.Fail());

        var mine = measurements.Where(m => m.GrainType == "metered").ToList();
        Assert.Equal(1, mine.Where(m => m.Instrument == "paraloom.actors.activations").Sum(m => m.Value));
        Assert.Equal(2, mine.Count(m => m.Instrument == "paraloom.actors.calls" && m.Outcome == "ok"));
        Assert.Equal(1, mine.Count(m => m.Instrument == "paraloom.actors.calls" && m.Outcome == "error"));
        Assert.Equal(3, mine.Count(m => m.Instrument == "paraloom.actors.call.duration" && m.Value >= 0));
    }

    private static (string, double, string?, string?) Describe(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? grainType = null;
        string? outcome = null;
        foreach (var tag in tags)
        {
            if (tag.Key == "grain.type")
            {
                grainType = tag.Value as string;
            }
            else if (tag.Key == "outcome")
            {
                outcome = tag.Value as string;
            }
        }

        return (instrument.Name, value, grainType, outcome);
    }
}
