namespace Paraloom.Wire;

/// <summary>
/// POST /v1/jobs/{id}/keys: the job key wrapped to each member of the attempt's cohort, signed with the job's
/// hand-out key (Paraloom.Privacy's KeyHandOut message over job id, attempt and the wrapped keys).
/// </summary>
internal sealed record DeliverKeysRequest
{
    public required int Attempt { get; init; }

    /// <summary>Validator id → wrapped job key, base64: exactly one per cohort member.</summary>
    public required Dictionary<string, byte[]> WrappedKeys { get; init; }

    /// <summary>The BIP-340 signature of the hand-out under the job's hand-out key, hex.</summary>
    public required string Signature { get; init; }
}
