using Microsoft.Extensions.DependencyInjection;
using Paraloom.Actors.Testing;

namespace Paraloom.Actors.Tests;

public sealed class ServiceScopeTests
{
    public interface IScopedGrain : IGrainWithStringKey
    {
        Task<Guid> ScopeId();

        Task Deactivate();
    }

    public sealed class ScopedDependency : IDisposable
    {
        public Guid Id { get; } = Guid.NewGuid();

        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    public sealed class ScopedGrain(ScopedDependency dependency, List<ScopedDependency> created) : Grain, IScopedGrain
    {
        public override Task OnActivateAsync(CancellationToken cancellationToken)
        {
            lock (created)
            {
                created.Add(dependency);
            }

            return Task.CompletedTask;
        }

        public Task<Guid> ScopeId() => Task.FromResult(dependency.Id);

        public Task Deactivate()
        {
            DeactivateOnIdle();
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task Each_activation_has_its_own_service_scope_disposed_when_it_deactivates()
    {
        var created = new List<ScopedDependency>();
        await using var cluster = new InProcessTestCluster(
            silo => silo.AddGrain<IScopedGrain, ScopedGrain>(),
            services => services.AddScoped<ScopedDependency>().AddSingleton(created));
        await cluster.StartAsync();
        var a = cluster.GrainFactory.GetGrain<IScopedGrain>("a");
        var b = cluster.GrainFactory.GetGrain<IScopedGrain>("b");

        var first = await a.ScopeId();
        Assert.NotEqual(first, await b.ScopeId());
        Assert.Equal(first, await a.ScopeId());
        await a.Deactivate();
        var second = await a.ScopeId();

        Assert.NotEqual(first, second);
        Assert.True(created.Single(d => d.Id == first).Disposed);
        Assert.False(created.Single(d => d.Id == second).Disposed);
    }
}
