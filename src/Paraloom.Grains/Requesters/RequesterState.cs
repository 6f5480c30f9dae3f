namespace Paraloom.Grains;

/// <summary>A requester's stored share: its jobs in progress, and the bytes its final jobs still store.</summary>
internal sealed class RequesterState
{
    /// <summary>Jobs admitted and not yet final, by id.</summary>
    public Dictionary<string, ActiveJob> Active { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Bytes of its final jobs not yet forgotten.</summary>
    public long RetainedBytes { get; set; }
}

internal sealed record ActiveJob(long StoredBytes, bool Queued);
