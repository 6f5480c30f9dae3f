using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans;
using Paraloom.Grains;

namespace Paraloom.Silo.Health;

/// <summary>Readiness: Orleans runs and every validator of this silo has joined the registry.</summary>
internal sealed class ValidatorsHealthCheck(IGrainFactory grains, SiloOptions options, IHostApplicationLifetime lifetime) : IHealthCheck
{
    public const string ValidatorsKey = "validators";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The silo is still starting.");
        }
        var validators = await grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key).GetValidatorsAsync();
        var local = validators.Count(validator => validator.SiloId == options.SiloId);
        var data = new Dictionary<string, object> { [ValidatorsKey] = validators.Count };
        return local >= options.Validators
            ? HealthCheckResult.Healthy(data: data)
            : HealthCheckResult.Unhealthy($"{local} of this silo's {options.Validators} validators have joined the registry.", data: data);
    }
}
