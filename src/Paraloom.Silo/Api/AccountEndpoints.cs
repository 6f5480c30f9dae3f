using Orleans;
using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Wire;

namespace Paraloom.Silo.Api;

/// <summary>
/// The account API under /v1: an account read by its owner (a signed challenge, as a result fetch), and the network
/// authority's credit grants, which anyone may deliver since only the authority's signature makes them count.
/// </summary>
internal static class AccountEndpoints
{
    /// <summary>A grant is a fixed 217 bytes; base64 and JSON around it stay far below this.</summary>
    private const long GrantBodyBytes = 4096;

    public static RouteGroupBuilder MapAccountEndpoints(this RouteGroupBuilder v1)
    {
        var accounts = v1.MapGroup("/accounts").WithTags("Accounts");
        accounts.ProducesProblem(StatusCodes.Status500InternalServerError);
        accounts.MapPost("/grants", GrantAsync)
            .WithName("GrantCredits")
            .WithSummary("Applies a credit grant signed by the network authority to its requester's account, once per grant id.")
            .Accepts<CreditGrantRequest>("application/json")
            .Produces<CreditGrantResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        accounts.MapPost("/{key}/challenge", CreateChallengeAsync)
            .WithName("CreateAccountChallenge")
            .WithSummary("A fresh single-use challenge for the account's owner to sign.")
            .Produces<ResultChallengeResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
        accounts.MapGet("/{key}", GetAsync)
            .WithName("GetAccount")
            .WithSummary("The account, for its owner only: `challenge` and the owner's BIP-340 signature over it (`signature`), hex.")
            .Produces<AccountResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        accounts.MapGet("/{key}/jobs", ListJobsAsync)
            .WithName("ListJobs")
            .WithSummary("The requester's latest jobs still stored (at most 100, oldest first), for the owner only: `challenge` from this account's challenge and the owner's signature over it (`signature`), hex.")
            .Produces<JobStatusResponse[]>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return v1;
    }

    private static async Task<IResult> GrantAsync(HttpContext context, IGrainFactory grains, CancellationToken cancellationToken)
    {
        var request = await JsonBody.ReadAsync<CreditGrantRequest>(context.Request, GrantBodyBytes, cancellationToken);
        CreditGrant grant;
        try
        {
            grant = CreditGrant.FromBytes(request.Grant);
        }
        catch (FormatException invalid)
        {
            throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, InvalidCreditGrantException.Error, invalid.Message);
        }
        // The grant names its account; the account checks the authority's signature, the expiry and the id.
        var applied = await grains.GetGrain<IAccountGrain>(grant.Requester.ToHex()).GrantAsync(request.Grant);
        return Results.Ok(new CreditGrantResponse(grant.Requester.ToHex(), grant.Credits, grant.Id, applied));
    }

    private static async Task<IResult> CreateChallengeAsync(string key, IGrainFactory grains)
    {
        var challenge = await Account(grains, key).CreateReadChallengeAsync();
        return Results.Ok(new ResultChallengeResponse(challenge.NonceHex, challenge.ExpiresAt));
    }

    private static async Task<IResult> GetAsync(string key, string? challenge, string? signature, HttpContext context, IGrainFactory grains)
    {
        var account = Account(grains, key);
        var (nonce, signed) = SignedChallenge.Parse(challenge, signature);
        var view = await account.GetAsync(nonce, signed);
        // The owner's balances: no cache between it and the silo keeps them.
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(ResponseMapper.ToResponse(view));
    }

    private static async Task<IResult> ListJobsAsync(string key, string? challenge, string? signature, HttpContext context, IGrainFactory grains)
    {
        var account = Account(grains, key);
        var (nonce, signed) = SignedChallenge.Parse(challenge, signature);
        var ids = await account.ListJobIdsAsync(nonce, signed);
        var statuses = await Task.WhenAll(ids.Select(id => StatusOrNoneAsync(grains, id)));
        context.Response.Headers.CacheControl = "no-store";
        return Results.Ok(statuses.OfType<JobStatus>().Select(ResponseMapper.ToResponse).ToArray());
    }

    /// <summary>A listed job's status; none for one whose retention ended since it was listed.</summary>
    private static async Task<JobStatus?> StatusOrNoneAsync(IGrainFactory grains, string jobId)
    {
        try
        {
            return await grains.GetGrain<IComputeJobGrain>(jobId).GetStatusAsync();
        }
        catch (UnknownJobException)
        {
            return null;
        }
    }

    /// <summary>
    /// An account key that cannot exist (a requester's public key in lowercase hex, or a validator's id) is answered here,
    /// without activating a grain for it.
    /// </summary>
    private static IAccountGrain Account(IGrainFactory grains, string key) =>
        IsAccountKey(key)
            ? grains.GetGrain<IAccountGrain>(key)
            : throw new ApiProblemException(StatusCodes.Status400BadRequest, "invalid-account-key",
                $"An account key is a requester's public key ({2 * PublicKey.Size} lowercase hexadecimal digits) or a validator's id ('v' and 16 of them).");

    private static bool IsAccountKey(string key)
    {
        var isValidatorId = key.Length == ValidatorIdLength && key[0] == 'v';
        var digits = isValidatorId ? key.AsSpan(1) : key.AsSpan();
        return (isValidatorId || key.Length == 2 * PublicKey.Size) && !digits.ContainsAnyExcept(LowercaseHex);
    }

    /// <summary>'v' and the first 16 hex digits of the validator's key (<see cref="ValidatorIdentity"/>).</summary>
    private const int ValidatorIdLength = 17;

    private const string LowercaseHex = "0123456789abcdef";
}
