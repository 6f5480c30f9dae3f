using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Paraloom.Client;

namespace Paraloom.Cli.Commands;

/// <summary>
/// The SDK's client as a command uses it: registered with <c>AddParaloomClient</c>, its standard resilience
/// retrying transient failures quickly, because a person is waiting and a stopped silo should be said at once, and the
/// network key pinned when one is given or known (<see cref="PinnedNetworkKey"/>).
/// </summary>
internal sealed class SiloConnection : IDisposable
{
    private readonly ServiceProvider _services;

    private SiloConnection(ServiceProvider services, IParaloomClient client)
    {
        _services = services;
        Client = client;
    }

    public IParaloomClient Client { get; }

    /// <param name="server">The silo's URL.</param>
    /// <param name="networkKey">The command's <c>--network-key</c>, if given.</param>
    public static SiloConnection Open(Uri server, string? networkKey)
    {
        var pinned = PinnedNetworkKey.Resolve(networkKey, server);
        var services = new ServiceCollection();
        services.AddParaloomClient(options =>
        {
            options.BaseAddress = server;
            options.NetworkKey = pinned;
        });
        services.Configure<HttpStandardResilienceOptions>(ParaloomClient.HttpClientName + "-standard", options =>
        {
            options.Retry.Delay = TimeSpan.FromMilliseconds(100);
            options.Retry.MaxRetryAttempts = 2;
        });
        var provider = services.BuildServiceProvider();
        return new SiloConnection(provider, provider.GetRequiredService<IParaloomClient>());
    }

    public void Dispose() => _services.Dispose();
}
