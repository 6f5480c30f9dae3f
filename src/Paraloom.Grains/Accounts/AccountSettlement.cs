using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// How a job that ended pays: <see cref="Charge"/> of its hold (the rest is given back) and, of that, what each agreeing
/// member's validator account earns.
/// </summary>
/// <param name="Attempt">The attempt whose cohort agreed; for a rejected job, the last attempt (0 if none ran).</param>
/// <param name="IsPublic">Whether the amounts may be published as metrics (a private job's fuel is the requester's).</param>
[GenerateSerializer, Immutable, Alias("paraloom.account-settlement")]
internal sealed record AccountSettlement(
    [property: Id(0)] string JobId,
    [property: Id(1)] int Attempt,
    [property: Id(2)] long Charge,
    [property: Id(3)] IReadOnlyList<ValidatorShare> Earnings,
    [property: Id(4)] bool IsPublic);

/// <summary>One agreeing member's share: its validator id (its account's key), the key its id derives from, and the credits.</summary>
[GenerateSerializer, Immutable, Alias("paraloom.validator-share")]
internal sealed record ValidatorShare([property: Id(0)] string ValidatorId, [property: Id(1)] byte[] PublicKey, [property: Id(2)] long Amount);
