namespace Paraloom.Grains.Tests.Support;

/// <summary>One default <see cref="ComputeCluster"/> for every test of a class (xUnit runs them one after another).</summary>
public sealed class SharedCluster : IAsyncLifetime
{
    internal ComputeCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() => Cluster = await ComputeCluster.StartAsync();

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
