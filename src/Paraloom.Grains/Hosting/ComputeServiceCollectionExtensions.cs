using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Paraloom.Actors;
using Paraloom.Compute.Execution;
using Paraloom.Compute.PrivateJobs;

namespace Paraloom.Grains;

/// <summary>Adds the compute service to a host that runs the actor runtime.</summary>
public static class ComputeServiceCollectionExtensions
{
    /// <summary>
    /// Registers the compute grains, the execution scheduler and executor shared by this silo's validators,
    /// the options, and the local validators with their key ring (replace <see cref="IValidatorKeyRing"/> by
    /// registering one first). Once the host has started, every local validator is activated and so joins
    /// the registry. The actor runtime needs grain storage named "Default" and a reminder service.
    /// </summary>
    public static IServiceCollection AddParaloomCompute(this IServiceCollection services, Action<ComputeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var optionsBuilder = services.AddOptions<ComputeOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }
        optionsBuilder.Validate(ComputeOptionsValidation.IsValid, ComputeOptionsValidation.Message);
        // Deadlines are checked by reminders, so reminders must be allowed to tick that often.
        services.AddOptions<ReminderOptions>().PostConfigure<IOptions<ComputeOptions>>((reminders, compute) =>
            reminders.MinimumReminderPeriod = TimeSpan.FromTicks(
                Math.Min(reminders.MinimumReminderPeriod.Ticks, compute.Value.DeadlineCheckPeriod.Ticks)));

        var silo = new ServicesSiloBuilder(services);
        silo.AddGrain<IComputeJobGrain, ComputeJobGrain>();
        silo.AddGrain<IAttemptListener, ComputeJobGrain>();
        silo.AddGrain<ICapacityListener, ComputeJobGrain>();
        silo.AddGrain<IValidatorGrain, ValidatorGrain>();
        silo.AddGrain<IResultQuorumGrain, ResultQuorumGrain>();
        silo.AddGrain<IValidatorRegistryGrain, ValidatorRegistryGrain>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<ComputeMetrics>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ComputeOptions>>().Value.LocalValidators.Scheduler);
        services.AddSingleton(provider => new ExecutionScheduler(provider.GetRequiredService<ExecutionSchedulerOptions>()));
        services.AddSingleton(provider => new ComputeExecutor(provider.GetRequiredService<ExecutionScheduler>()));
        services.AddSingleton(provider => new PrivateJobRunner(provider.GetRequiredService<ComputeExecutor>()));
        services.TryAddSingleton<IValidatorKeyRing>(provider =>
            new LocalValidatorKeyRing(provider.GetRequiredService<IOptions<ComputeOptions>>().Value.LocalValidators));
        services.AddSingleton<ValidatorLoad>();
        services.AddSingleton<AssignmentRunner>();
        services.AddSingleton<SubmissionValidator>();
        services.AddHostedService<LocalValidatorActivation>();
        return services;
    }

    /// <summary>Lets the grains be registered through the actor runtime's own <c>AddGrain</c>.</summary>
    private sealed class ServicesSiloBuilder(IServiceCollection services) : ISiloBuilder
    {
        public IServiceCollection Services { get; } = services;
    }
}
