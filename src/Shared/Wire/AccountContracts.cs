namespace Paraloom.Wire;

/// <summary>
/// GET /v1/accounts/{key}: an account as its owner reads it. Credits are whole credits, the unit every fee is counted in
/// (fuel × <c>PricePerFuelUnit</c> per execution, stored bytes × <c>StoragePricePerByteDay</c> per day).
/// </summary>
internal sealed record AccountResponse
{
    /// <summary>The account's key: a requester's public key in hex, or a validator's id.</summary>
    public required string Key { get; init; }

    /// <summary>What it may spend now (its running jobs' holds are already taken out).</summary>
    public required long Credits { get; init; }

    /// <summary>What its running jobs hold: the most each may still cost.</summary>
    public required long Held { get; init; }

    /// <summary>What its validator earned, in all.</summary>
    public required long Earned { get; init; }

    /// <summary>The latest entries, oldest first.</summary>
    public required IReadOnlyList<AccountEntryDto> History { get; init; }
}

/// <summary>One entry of an account's history.</summary>
/// <param name="Kind">Grant, Hold, Charge, Refund or Earning.</param>
/// <param name="Amount">How many credits it moved.</param>
/// <param name="JobId">The job it concerns; absent for a grant.</param>
/// <param name="Attempt">The attempt whose cohort agreed (a charge or an earning), else 0.</param>
/// <param name="At">When the service applied it.</param>
internal sealed record AccountEntryDto(string Kind, long Amount, string? JobId, int Attempt, DateTimeOffset At);

/// <summary>POST /v1/accounts/grants: a credit grant's canonical bytes (docs/receipt-format.md), base64.</summary>
internal sealed record CreditGrantRequest
{
    public required byte[] Grant { get; init; }
}

/// <summary>What a grant did: <see cref="Applied"/> is false when its id had already been applied (it applies once).</summary>
internal sealed record CreditGrantResponse(string Requester, long Credits, string GrantId, bool Applied);
