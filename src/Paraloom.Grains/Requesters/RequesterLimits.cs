namespace Paraloom.Grains;

/// <summary>
/// What one requester key may hold at once, across the whole cluster (its <see cref="IRequesterGrain"/> counts it), on
/// top of the HTTP layer's limits per remote address: a requester with many addresses, or one behind the Orleans
/// gateway, is held to the same.
/// </summary>
public sealed class RequesterLimits
{
    /// <summary>Jobs submitted and not yet final (default 64).</summary>
    public int Jobs { get; set; } = 64;

    /// <summary>Of those, jobs still waiting for their first cohort because every validator is busy (default 32).</summary>
    public int QueuedJobs { get; set; } = 32;

    /// <summary>Watches (event streams, long polls, the SDK's waits over the gateway) open on its jobs at once (default 64).</summary>
    public int Watches { get; set; } = 64;

    /// <summary>Module and input bytes of its jobs that the store holds until their retention ends (default 1 GiB).</summary>
    public long StoredBytes { get; set; } = 1L << 30;

    public bool IsValid => Jobs >= 1 && QueuedJobs >= 0 && Watches >= 1 && StoredBytes >= 1;
}
