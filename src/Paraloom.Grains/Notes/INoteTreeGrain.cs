using Orleans;
using Orleans.Concurrency;
using Paraloom.Privacy.Notes;

namespace Paraloom.Grains;

/// <summary>
/// The one note commitment tree (key 0): final jobs' notes appended in the order they arrive, in batches, over shard
/// grains of <see cref="NoteTreeTop.ShardSize"/> notes (<see cref="INoteShardGrain"/>) so that no grain holds the tree.
/// Only jobs call it, each about itself.
/// </summary>
[Alias("paraloom.note-tree")]
internal interface INoteTreeGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Appends the job's note once its batch is stored and returns its position; the same job asking again (a crash
    /// between this call and its own write) gets the same position until it acknowledges it.
    /// </summary>
    [Alias("append")]
    Task<long> AppendAsync(string jobId, NoteCommitment note);

    /// <summary>The job has stored its position: the tree may forget which position it gave the job.</summary>
    [Alias("acknowledge"), OneWay]
    Task AcknowledgeAsync(string jobId);

    /// <summary>The path of the note at <paramref name="position"/> and the anchor (size, root) it leads to.</summary>
    [Alias("prove")]
    Task<NoteTreePath> ProveAsync(long position);
}

/// <param name="Path">The note's <see cref="NotePath"/> encoding.</param>
[GenerateSerializer, Immutable, Alias("paraloom.note-tree-path")]
internal sealed record NoteTreePath([property: Id(0)] byte[] Path, [property: Id(1)] long TreeSize, [property: Id(2)] byte[] Root);
