using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Paraloom.Actors.Testing;

/// <summary>
/// An actor runtime in the test process, in the shape of Orleans' TestCluster: start it, call grains through
/// <see cref="Client"/>, restart it (a new runtime over the same configuration and so the same durable
/// storage), or kill it to simulate a crash. Memory storage and memory reminders do not survive a restart
/// (each runtime gets new ones); use file storage for restart tests.
/// </summary>
public sealed class InProcessTestCluster : IAsyncDisposable
{
    private readonly Action<ISiloBuilder> _configureSilo;
    private readonly Action<IServiceCollection>? _configureServices;
    private IHost? _host;

    public InProcessTestCluster(Action<ISiloBuilder> configureSilo, Action<IServiceCollection>? configureServices = null)
    {
        ArgumentNullException.ThrowIfNull(configureSilo);
        _configureSilo = configureSilo;
        _configureServices = configureServices;
    }

    /// <summary>The running runtime's service provider.</summary>
    public IServiceProvider ServiceProvider => RunningHost.Services;

    /// <summary>The running runtime's client.</summary>
    public IClusterClient Client => ServiceProvider.GetRequiredService<IClusterClient>();

    /// <summary>The running runtime's grain factory (the same object as <see cref="Client"/>).</summary>
    public IGrainFactory GrainFactory => Client;

    private IHost RunningHost => _host ?? throw new InvalidOperationException("The test cluster is not running: call StartAsync first.");

    /// <summary>Starts a new runtime.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (_host is not null)
        {
            throw new InvalidOperationException("The test cluster is already running.");
        }

        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        _configureServices?.Invoke(builder.Services);
        builder.Services.AddParaloomActors(_configureSilo);
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        _host = host;
    }

    /// <summary>Stops the runtime gracefully: every activation is deactivated.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        var host = RunningHost;
        _host = null;
        try
        {
            await host.StopAsync(cancellationToken);
        }
        finally
        {
            await DisposeHostAsync(host);
        }
    }

    /// <summary>Stops the runtime gracefully and starts a new one.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await StartAsync(cancellationToken);
    }

    /// <summary>
    /// Drops the runtime as a crash would: no deactivation callbacks, timers and reminders stop, calls in flight
    /// fail. Start again with <see cref="StartAsync"/> to simulate recovery.
    /// </summary>
    public async Task KillAsync()
    {
        var host = RunningHost;
        _host = null;
        await DisposeHostAsync(host);
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await StopAsync();
        }
    }

    private static async Task DisposeHostAsync(IHost host)
    {
        if (host is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            host.Dispose();
        }
    }
}
