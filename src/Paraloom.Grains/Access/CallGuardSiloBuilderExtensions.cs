using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Paraloom.Grains;

/// <summary>Closes a silo's grains to callers that do not own the step they call, and bounds what a gateway client holds.</summary>
public static class CallGuardSiloBuilderExtensions
{
    /// <summary>
    /// Adds the incoming call filter that lets gateway clients call only the requester's surface and grains only the
    /// steps they own (<see cref="GrainCallGuard"/>), then the one that holds each gateway client to
    /// <paramref name="limits"/> (<see cref="GatewayClientLimiter"/>). A production silo always has both; tests that
    /// drive internal grain methods directly run a silo without them.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="limits"/> are not valid (<see cref="GatewayClientLimits.IsValid"/>).</exception>
    public static ISiloBuilder AddParaloomCallGuard(this ISiloBuilder silo, GatewayClientLimits limits)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(limits);
        if (!limits.IsValid)
        {
            throw new ArgumentException(
                "GatewayClientLimits need ConcurrentSubmissionsPerClient, JobWatchesPerClient and JobWatches of at least 1 and QueuedSubmissionsPerClient of 0 or more.",
                nameof(limits));
        }
        // Orleans runs incoming filters in the order they are registered: the guard first.
        silo.AddIncomingGrainCallFilter<GrainCallGuard>();
        silo.Services.AddSingleton<IIncomingGrainCallFilter>(services =>
            new GatewayClientLimiter(limits, services.GetRequiredService<ILocalSiloDetails>()));
        return silo;
    }
}
