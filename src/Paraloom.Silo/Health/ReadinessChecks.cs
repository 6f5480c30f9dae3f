using Paraloom.Grains;

namespace Paraloom.Silo.Health;

/// <summary>The silo's ASP.NET Core health checks: all of them make up readiness; liveness needs none.</summary>
internal static class ReadinessChecks
{
    public const string ReadinessTag = "ready";

    public static IServiceCollection AddParaloomHealthChecks(this IServiceCollection services, ParaloomStore? store)
    {
        var checks = services.AddHealthChecks()
            .AddCheck<ValidatorsHealthCheck>("validators", tags: [ReadinessTag]);
        if (store is not null)
        {
            checks.AddCheck<StoreHealthCheck>("store", tags: [ReadinessTag]);
        }
        return services;
    }
}
