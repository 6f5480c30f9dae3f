using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// One entry of a payer account's outbox, as the recipient receives it: <see cref="Sequence"/> counts the payer's earnings
/// to this recipient from 1, so the recipient applies each once and in order.
/// </summary>
/// <param name="Payer">The paying account's key.</param>
/// <param name="RecipientKey">The public key of the validator whose account earns (its id is derived from it).</param>
[GenerateSerializer, Immutable, Alias("paraloom.account-earning")]
internal sealed record AccountEarning(
    [property: Id(0)] string Payer,
    [property: Id(1)] long Sequence,
    [property: Id(2)] string JobId,
    [property: Id(3)] int Attempt,
    [property: Id(4)] long Amount,
    [property: Id(5)] byte[] RecipientKey,
    [property: Id(6)] bool IsPublic);
