namespace Paraloom.Wire;

/// <summary>
/// POST /v1/validators/revocations: a revocation file as <c>paraloom validators revoke</c> writes it. Only
/// <see cref="Revocation"/> counts; the other fields are there for people reading the file and are not checked.
/// </summary>
internal sealed record RevokeValidatorRequest
{
    public string? Format { get; init; }

    public int? Version { get; init; }

    public string? ValidatorId { get; init; }

    /// <summary>The canonical bytes of the network authority's validator revocation, hex (docs/receipt-format.md).</summary>
    public required string Revocation { get; init; }
}

/// <summary>The revoked validator, from when its votes stop counting, and whether the silo knew the revocation already.</summary>
internal sealed record RevokeValidatorResponse(string ValidatorId, DateTimeOffset EffectiveFrom, bool AlreadyRevoked);
