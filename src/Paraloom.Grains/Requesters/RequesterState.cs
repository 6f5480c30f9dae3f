namespace Paraloom.Grains;

/// <summary>A requester's stored share: its jobs in progress, the bytes its final jobs still store, and its latest jobs.</summary>
internal sealed class RequesterState
{
    /// <summary>How many job ids <see cref="Recent"/> keeps: a listing, and this state, stay the same size whatever the history.</summary>
    public const int RecentJobs = 100;

    /// <summary>The latest admitted jobs not yet forgotten, oldest first.</summary>
    public List<string> Recent { get; set; } = [];

    /// <summary>Jobs admitted and not yet final, by id.</summary>
    public Dictionary<string, ActiveJob> Active { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Bytes of its final jobs not yet forgotten.</summary>
    public long RetainedBytes { get; set; }
}

internal sealed record ActiveJob(long StoredBytes, bool Queued);
