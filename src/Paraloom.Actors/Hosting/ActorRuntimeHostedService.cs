using Microsoft.Extensions.Hosting;
using Paraloom.Actors.Runtime;

namespace Paraloom.Actors.Hosting;

/// <summary>Starts the actor runtime with the host and stops it gracefully with the host.</summary>
internal sealed class ActorRuntimeHostedService(ActorRuntime runtime) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => runtime.StartAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => runtime.StopAsync(cancellationToken);
}
