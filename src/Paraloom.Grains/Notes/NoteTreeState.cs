namespace Paraloom.Grains;

/// <summary>
/// The note tree's own state: its size, the roots of its full shards (32 bytes each; the leaves are in the shards) and
/// the positions given to jobs that have not yet acknowledged storing them. It grows by 32 bytes per 4,096 notes.
/// </summary>
internal sealed class NoteTreeState
{
    public long Size { get; set; }

    public byte[] FullShardRoots { get; set; } = [];

    /// <summary>A job asking again for a position given before its own write (a crash in between) finds it here.</summary>
    public Dictionary<string, long> Unacknowledged { get; set; } = new(StringComparer.Ordinal);
}
