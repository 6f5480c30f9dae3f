using Orleans;
using Paraloom.Grains;
using Paraloom.Wire;

namespace Paraloom.Silo.Api;

/// <summary>GET /v1/validators: every validator with its load and reputation.</summary>
internal static class ValidatorEndpoints
{
    public static RouteGroupBuilder MapValidatorEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/validators", GetValidatorsAsync)
            .WithTags("Validators")
            .WithSummary("Every validator the registry knows, with load (in flight / capacity) and reputation.")
            .Produces<ValidatorResponse[]>();
        return v1;
    }

    private static async Task<IResult> GetValidatorsAsync(IGrainFactory grains, SiloMetrics metrics)
    {
        var validators = await grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key).GetValidatorsAsync();
        metrics.ObserveValidators(validators);
        return Results.Ok(validators.Select(ResponseMapper.ToResponse).ToArray());
    }
}
