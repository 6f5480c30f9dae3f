using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// The requester's account cannot cover the most a submission may cost (its hold): 402 <c>insufficient-credits</c> on both
/// transports. Nothing of the job was stored. The message is fit to show the requester.
/// </summary>
[GenerateSerializer, Alias("paraloom.insufficient-credits-exception")]
public sealed class InsufficientCreditsException(string message) : Exception(message)
{
    public const string Error = "insufficient-credits";
}
