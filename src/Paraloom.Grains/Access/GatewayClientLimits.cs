namespace Paraloom.Grains;

/// <summary>
/// What one Orleans gateway client may hold at once on a silo, as the HTTP API bounds one remote address: submissions
/// in progress and waiting for a turn, and job watches; and the gateway watches the silo holds in all. Each silo counts
/// the calls its job grains serve (<see cref="GatewayClientLimiter"/>); a requester's own limits across the cluster are
/// <see cref="RequesterLimits"/>.
/// </summary>
public sealed class GatewayClientLimits
{
    /// <summary>Submissions one client may have in progress at once (default 4).</summary>
    public int ConcurrentSubmissionsPerClient { get; set; } = 4;

    /// <summary>Further submissions of one client that wait for a turn before they are refused with 429 (default 32).</summary>
    public int QueuedSubmissionsPerClient { get; set; } = 32;

    /// <summary>Job watches (<see cref="IComputeJobGrain.WaitForChangeAsync"/> calls that may wait) one client may hold open at once (default 64).</summary>
    public int JobWatchesPerClient { get; set; } = 64;

    /// <summary>Job watches of gateway clients this silo holds open at once, all clients together (default 4096).</summary>
    public int JobWatches { get; set; } = 4096;

    public bool IsValid => ConcurrentSubmissionsPerClient >= 1 && QueuedSubmissionsPerClient >= 0 && JobWatchesPerClient >= 1 && JobWatches >= 1;
}
