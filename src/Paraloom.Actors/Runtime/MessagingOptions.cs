namespace Paraloom.Actors;

/// <summary>Grain call settings.</summary>
public sealed class MessagingOptions
{
    /// <summary>
    /// How long a caller waits for a grain call before it gets a <see cref="TimeoutException"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: forever). This also turns a call cycle between
    /// non-reentrant grains, which can never complete, into an error.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
