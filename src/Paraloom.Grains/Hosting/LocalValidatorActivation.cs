using Orleans;
using Microsoft.Extensions.Hosting;

namespace Paraloom.Grains;

/// <summary>
/// Activates every validator whose key this silo holds once the host (and so the actor runtime) has
/// started: activation registers a validator with the registry, so cohorts can be formed at once.
/// </summary>
internal sealed class LocalValidatorActivation(IValidatorKeyRing keyRing, IGrainFactory grains) : IHostedLifecycleService
{
    public async Task StartedAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(keyRing.ValidatorIds.Select(id => grains.GetGrain<IValidatorGrain>(id).GetInfoAsync()));

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
