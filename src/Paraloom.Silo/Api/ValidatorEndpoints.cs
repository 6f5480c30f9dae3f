using Orleans;
using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Wire;

namespace Paraloom.Silo.Api;

/// <summary>GET /v1/validators: every validator with its load and reputation; POST /v1/validators/revocations: the authority's revocations.</summary>
internal static class ValidatorEndpoints
{
    public static RouteGroupBuilder MapValidatorEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/validators", GetValidatorsAsync)
            .WithName("ListValidators")
            .WithTags("Validators")
            .WithSummary("Every validator the registry knows, with load (in flight / capacity) and reputation.")
            .Produces<ValidatorResponse[]>()
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        v1.MapPost("/validators/revocations", RevokeAsync)
            .WithName("RevokeValidator")
            .WithTags("Validators")
            .WithSummary("Applies a validator revocation the network authority signed: the validator is never listed or selected again.")
            .WithDescription("The body is the revocation file `paraloom validators revoke` writes. A revocation that does not parse or "
                + "that the network authority did not sign is refused (422 `invalid-revocation`) and nothing is stored.")
            .Accepts<RevokeValidatorRequest>("application/json")
            .Produces<RevokeValidatorResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status500InternalServerError);
        return v1;
    }

    /// <summary>A revocation is a few hundred bytes; the file around it, a few more.</summary>
    private const long RevocationBodyBytes = 16 * 1024;

    private static async Task<IResult> GetValidatorsAsync(IGrainFactory grains, SiloMetrics metrics)
    {
        var validators = await grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key).GetValidatorsAsync();
        metrics.ObserveValidators(validators);
        return Results.Ok(validators.Select(ResponseMapper.ToResponse).ToArray());
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<RevokeValidatorRequest>(context.Request, RevocationBodyBytes, cancellationToken);
        if (request.Revocation is not { Length: > 0 } hex || hex.Length % 2 != 0 || !hex.All(char.IsAsciiHexDigit))
        {
            throw ApiProblemException.BadRequest("'revocation' must be the hexadecimal canonical bytes of a validator revocation.");
        }
        var bytes = Convert.FromHexString(hex);
        var applied = await grains.GetGrain<IValidatorRegistryGrain>(IValidatorRegistryGrain.Key).RevokeAsync(bytes);
        // The registry parsed and checked it; this parse only reads back what it took.
        var revocation = ValidatorRevocation.FromBytes(bytes);
        return Results.Ok(new RevokeValidatorResponse(revocation.ValidatorId, revocation.EffectiveFrom, AlreadyRevoked: !applied));
    }
}
