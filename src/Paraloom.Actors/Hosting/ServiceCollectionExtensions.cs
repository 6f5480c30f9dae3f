using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Paraloom.Actors.Hosting;
using Paraloom.Actors.Runtime;

namespace Paraloom.Actors;

/// <summary>Adds the actor runtime to a .NET host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Adds the actor runtime, configured by <paramref name="configure"/>, and a hosted service that starts it
    /// with the host and stops it (deactivating every activation) when the host stops. Registers
    /// <see cref="IGrainFactory"/> and <see cref="IClusterClient"/>.
    /// </summary>
    public static IServiceCollection AddParaloomActors(this IServiceCollection services, Action<ISiloBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(descriptor => descriptor.ServiceType == typeof(ActorRuntime)))
        {
            throw new InvalidOperationException("AddParaloomActors was already called on these services.");
        }

        services.AddLogging();
        services.AddMetrics();
        services.AddOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<GrainCollectionOptions>().Validate(Validation.IsValid, Validation.CollectionMessage);
        services.AddOptions<MessagingOptions>().Validate(Validation.IsValid, Validation.MessagingMessage);
        services.AddOptions<ReminderOptions>().Validate(Validation.IsValid, Validation.ReminderMessage);
        services.AddSingleton<ActorMetrics>();
        services.AddSingleton(provider => new GrainTypeRegistry(provider.GetServices<GrainRegistration>()));
        services.AddSingleton<ActorRuntime>();
        services.AddSingleton<IClusterClient>(provider => provider.GetRequiredService<ActorRuntime>().GrainFactory);
        services.AddSingleton<IGrainFactory>(provider => provider.GetRequiredService<ActorRuntime>().GrainFactory);
        services.AddHostedService<ActorRuntimeHostedService>();
        configure(new SiloBuilder(services));
        return services;
    }

    private sealed class SiloBuilder(IServiceCollection services) : ISiloBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
