using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime.MembershipService.SiloMetadata;
using Paraloom.Compute.Execution;
using Paraloom.Compute.PrivateJobs;

namespace Paraloom.Grains;

/// <summary>Adds the compute service to an Orleans silo.</summary>
public static class ComputeSiloBuilderExtensions
{
    /// <summary>
    /// Registers what the compute grains need: the execution scheduler and executor shared by this silo's
    /// validators, the options (validated when the host starts), and the local validators with their key ring
    /// (replace <see cref="IValidatorKeyRing"/> by registering one first). Once the host has started, every local
    /// validator is activated and so joins the registry. The silo needs default grain storage and a reminder service.
    /// </summary>
    public static ISiloBuilder AddParaloomCompute(this ISiloBuilder silo, Action<ComputeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var services = silo.Services;
        var optionsBuilder = services.AddOptions<ComputeOptions>();
        if (configure is not null)
        {
            optionsBuilder.Configure(configure);
        }
        optionsBuilder.Validate(ComputeOptionsValidation.IsValid, ComputeOptionsValidation.Message).ValidateOnStart();
        // Deadlines are checked by reminders, so reminders must be allowed to tick that often.
        services.AddOptions<ReminderOptions>().PostConfigure<IOptions<ComputeOptions>>((reminders, compute) =>
            reminders.MinimumReminderPeriod = TimeSpan.FromTicks(
                Math.Min(reminders.MinimumReminderPeriod.Ticks, compute.Value.DeadlineCheckPeriod.Ticks)));

        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<ComputeMetrics>();
        services.AddSingleton<AccountMetrics>();
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<ComputeOptions>>().Value.LocalValidators.Scheduler);
        services.AddSingleton(provider => new ExecutionScheduler(provider.GetRequiredService<ExecutionSchedulerOptions>()));
        services.AddSingleton(provider =>
        {
            var directory = provider.GetRequiredService<IOptions<ComputeOptions>>().Value.LocalValidators.CompiledModuleDirectory;
            var engine = new SandboxEngine(diskCache: directory is null ? null : new SerializedModuleStore(directory));
            return new ComputeExecutor(provider.GetRequiredService<ExecutionScheduler>(), engine);
        });
        services.AddSingleton(provider => new PrivateJobRunner(provider.GetRequiredService<ComputeExecutor>()));
        services.TryAddSingleton<IValidatorKeyRing>(provider =>
            new LocalValidatorKeyRing(provider.GetRequiredService<IOptions<ComputeOptions>>().Value.LocalValidators));
        services.AddSingleton<ValidatorLoad>();
        services.AddSingleton<AssignmentRunner>();
        services.AddSingleton<SubmissionValidator>();
        services.AddHostedService<LocalValidatorActivation>();
        PublishHostedValidators(silo);
        return silo;
    }

    /// <summary>
    /// Validators activate only where their keys are: this silo publishes the ids it holds as silo metadata, which
    /// every silo's <see cref="KeyHolderPlacementDirector"/> reads.
    /// </summary>
    private static void PublishHostedValidators(ISiloBuilder silo)
    {
        silo.Services.AddPlacementDirector<KeyHolderPlacement, KeyHolderPlacementDirector>();
        // Orleans reads the metadata from this dictionary when its options are first built; the key ring is known
        // only then, so this configuration (registered first, so run first) fills it in.
        var published = new Dictionary<string, string>(StringComparer.Ordinal);
        silo.Services.AddOptions<SiloMetadata>().Configure<IValidatorKeyRing>((_, keyRing) =>
            published[KeyHolderPlacementDirector.MetadataKey] = string.Join(',', keyRing.ValidatorIds));
        silo.UseSiloMetadata(published);
    }
}
