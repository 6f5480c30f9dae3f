using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Paraloom.Grains;
using Paraloom.Privacy;

namespace Paraloom.Silo.Tests;

public sealed class SiloMetricsTests
{
    [Fact]
    public void Each_silo_reports_only_its_own_validators_so_a_cluster_adds_up()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var metrics = new SiloMetrics(meters, new SiloOptions { SiloId = "silo-a" });
        using var key = SecretKey.Generate();
        metrics.ObserveValidators(
        [
            new ValidatorInfo("a-1", "silo-a", key.PublicKey, Capacity: 4, InFlight: 1, Reputation: 90, Profile: "wasmtime/test", Certificate: null),
            new ValidatorInfo("b-1", "silo-b", key.PublicKey, Capacity: 4, InFlight: 2, Reputation: 80, Profile: "wasmtime/test", Certificate: null),
        ]);
        var reputations = new Dictionary<string, int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listening) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name == "paraloom.validator.reputation")
                {
                    listening.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((_, value, tags, _) =>
            reputations[(string)tags.ToArray().Single(tag => tag.Key == "validator.id").Value!] = value);
        listener.Start();

        listener.RecordObservableInstruments();

        Assert.Equal(new Dictionary<string, int> { ["a-1"] = 90 }, reputations);
    }
}
