using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Paraloom.Client;

namespace Paraloom.Cli.Commands;

/// <summary>
/// The SDK's client as a command uses it: registered with <c>AddParaloomClient</c>, its standard resilience
/// retrying transient failures quickly, because a person is waiting and a stopped silo should be said at once.
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

    public static SiloConnection Open(Uri server)
    {
        var services = new ServiceCollection();
        services.AddParaloomClient(options => options.BaseAddress = server);
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
