namespace Paraloom.Silo.Tests.Support;

/// <summary>
/// Tests that assert exact metric values run alone, after the parallel ones: OpenTelemetry subscribes to meters by
/// name, so while other test silos run in this process, their measurements land in the same series. They share
/// one <see cref="ObservedSilo"/>, whose scrape is taken once its jobs are done.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection : ICollectionFixture<ObservedSilo>
{
    public const string Name = "metrics";
}
