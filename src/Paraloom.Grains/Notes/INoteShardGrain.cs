using Orleans;
using Orleans.Concurrency;
using Paraloom.Privacy.Notes;

namespace Paraloom.Grains;

/// <summary>
/// One shard of the note commitment tree (key: its index): the leaves of positions index × 4,096 onwards and every node
/// above them up to the shard's root. Only the note tree grain calls it; what the tree has stored decides which leaves count.
/// </summary>
[Alias("paraloom.note-shard")]
internal interface INoteShardGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Stores <paramref name="leaves"/> (32 bytes each) from <paramref name="offset"/> on, in place of any the shard holds
    /// there (a batch the tree never stored), and returns the shard's root.
    /// </summary>
    [Alias("append")]
    Task<byte[]> AppendAsync(int offset, [Immutable] byte[] leaves);

    /// <summary>Every leaf stored, which may run past what the tree has stored.</summary>
    [Alias("read-leaves")]
    Task<byte[]> ReadLeavesAsync();

    /// <summary>The <see cref="NoteTreeTop.ShardDepth"/> siblings of leaf <paramref name="index"/> of this full shard.</summary>
    [Alias("path")]
    Task<byte[]> PathAsync(int index);
}
