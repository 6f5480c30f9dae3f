using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Paraloom.Grains.Tests.Support;

/// <summary>Counts one cluster's validator executions and refusals from its <see cref="ComputeMetrics"/> instruments.</summary>
internal sealed class ValidatorCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private long _executions;
    private long _refusals;

    public ValidatorCounters(ComputeCluster cluster)
    {
        var meterFactory = cluster.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meterFactory) && instrument.Meter.Name == ComputeMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            switch (instrument.Name)
            {
                case "paraloom.compute.executions":
                    Interlocked.Add(ref _executions, value);
                    break;
                case "paraloom.compute.validator.refusals":
                    Interlocked.Add(ref _refusals, value);
                    break;
            }
        });
        _listener.Start();
    }

    /// <summary>Assignments that reached the engine.</summary>
    public long Executions => Interlocked.Read(ref _executions);

    /// <summary>Assignments refused before anything ran.</summary>
    public long Refusals => Interlocked.Read(ref _refusals);

    public void Dispose() => _listener.Dispose();
}
