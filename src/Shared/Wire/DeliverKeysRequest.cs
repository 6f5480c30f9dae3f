namespace Paraloom.Wire;

/// <summary>POST /v1/jobs/{id}/keys: the job key wrapped to each member of the attempt's cohort.</summary>
internal sealed record DeliverKeysRequest
{
    public required int Attempt { get; init; }

    /// <summary>Validator id → wrapped job key, base64: exactly one per cohort member.</summary>
    public required Dictionary<string, byte[]> WrappedKeys { get; init; }
}
