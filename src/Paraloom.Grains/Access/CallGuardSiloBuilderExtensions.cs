using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;

namespace Paraloom.Grains;

/// <summary>Closes a silo's grains to callers that do not own the step they call.</summary>
public static class CallGuardSiloBuilderExtensions
{
    /// <summary>
    /// Adds the incoming call filter that lets gateway clients call only the requester's surface and grains only the
    /// steps they own (<see cref="GrainCallGuard"/>). A production silo always has it; tests that drive internal grain
    /// methods directly run a silo without it.
    /// </summary>
    public static ISiloBuilder AddParaloomCallGuard(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return silo.AddIncomingGrainCallFilter<GrainCallGuard>();
    }
}
