using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Concurrency;
using Orleans.Runtime;
using Paraloom.Privacy.Notes;

namespace Paraloom.Grains;

/// <summary>
/// The note commitment tree. Notes that arrive while a batch is being stored wait for the next one, so a batch is
/// whatever came in during the last write (at most <see cref="MaxBatch"/> notes): one write per shard it touches and
/// one of the tree's state, which is the commit point. A position is answered only once that write is done, and what
/// a proof reads in memory (the open shard, the top) moves on only after it, so no proof shows an unstored note.
/// A batch whose write fails is refused to its jobs, which ask again; its leaves that reached a shard are replaced by
/// the next batch.
/// </summary>
[GrainType("note-tree"), Reentrant]
internal sealed partial class NoteTreeGrain(
    [PersistentState("note-tree")] IPersistentState<NoteTreeState> state,
    ILogger<NoteTreeGrain> logger) : Grain, INoteTreeGrain
{
    public const int MaxBatch = NoteTreeTop.ShardSize;

    private const int LeafSize = NoteTreeHash.Size;

    private readonly Queue<QueuedNote> _queued = new();
    private readonly Dictionary<string, Task<long>> _queuedJobs = new(StringComparer.Ordinal);

    // Applied to the stored state with the next batch: the state is never changed while a write may be reading it.
    private readonly HashSet<string> _acknowledged = new(StringComparer.Ordinal);
    private bool _writing;

    // The stored tree in memory: its size, the shard being filled and the tree above the shards.
    private long _size;
    private NoteSubtree _open = null!;
    private NoteTreeTop _top = null!;

    private NoteTreeState Stored => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _size = Stored.Size;
        var fullShards = Stored.FullShardRoots.Length / LeafSize;
        _open = new NoteSubtree(NoteTreeTop.ShardDepth, 0);
        var inOpenShard = _size - (long)fullShards * NoteTreeTop.ShardSize;
        if (inOpenShard > 0)
        {
            // The shard may hold more: leaves of a batch whose tree write failed, which do not count.
            var leaves = await Shard(fullShards).ReadLeavesAsync();
            _open.Append(leaves.AsSpan(0, checked((int)inOpenShard * LeafSize)));
        }
        _top = NoteTreeTop.FromFullShardRoots(Stored.FullShardRoots, _open.Root);
    }

    public Task<long> AppendAsync(string jobId, NoteCommitment note)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(note);
        if (Stored.Unacknowledged.TryGetValue(jobId, out var position))
        {
            return Task.FromResult(position);
        }
        if (_queuedJobs.TryGetValue(jobId, out var queued))
        {
            return queued;
        }
        var entry = new QueuedNote(jobId, NoteTreeHash.Leaf(note));
        _queued.Enqueue(entry);
        _queuedJobs[jobId] = entry.Position.Task;
        if (!_writing)
        {
            _writing = true;
            _ = WriteQueuedAsync();
        }
        return entry.Position.Task;
    }

    public Task AcknowledgeAsync(string jobId)
    {
        if (Stored.Unacknowledged.ContainsKey(jobId))
        {
            _acknowledged.Add(jobId);
        }
        return Task.CompletedTask;
    }

    public async Task<NoteTreePath> ProveAsync(long position)
    {
        if (position < 0 || position >= _size)
        {
            throw new ArgumentOutOfRangeException(nameof(position), $"The note tree holds {_size} notes: there is none at {position}.");
        }
        var shard = position / NoteTreeTop.ShardSize;
        var index = (int)(position % NoteTreeTop.ShardSize);
        var siblings = new byte[NotePath.SiblingsSize];
        if (shard < _top.FullShards)
        {
            // A full shard never changes: its siblings fit the top as it is after the call, whatever was stored meanwhile.
            (await Shard(shard).PathAsync(index)).CopyTo(siblings, 0);
        }
        else
        {
            _open.CopyPath(index, siblings);
        }
        _top.CopyPath(shard, siblings.AsSpan(NoteTreeTop.ShardDepth * LeafSize));
        return new NoteTreePath(new NotePath((uint)position, siblings).ToBytes(), _size, _top.Root.ToArray());
    }

    private INoteShardGrain Shard(long index) => GrainFactory.GetGrain<INoteShardGrain>(index);

    private async Task WriteQueuedAsync()
    {
        while (_queued.Count > 0)
        {
            var batch = new List<QueuedNote>(Math.Min(_queued.Count, MaxBatch));
            while (batch.Count < MaxBatch && _queued.TryDequeue(out var entry)) batch.Add(entry);
            try
            {
                var first = await WriteBatchAsync(batch);
                for (var i = 0; i < batch.Count; i++) batch[i].Position.SetResult(first + i);
            }
            catch (Exception exception)
            {
                LogBatchFailed(logger, exception, batch.Count);
                foreach (var entry in batch) entry.Position.SetException(exception);
            }
            finally
            {
                foreach (var entry in batch) _queuedJobs.Remove(entry.JobId);
            }
        }
        _writing = false;
    }

    /// <summary>Stores a batch at the end of the tree and returns its first position; memory follows only once it is stored.</summary>
    private async Task<long> WriteBatchAsync(List<QueuedNote> batch)
    {
        var first = _size;
        var segments = new List<(long Shard, int Offset, byte[] Leaves)>();
        for (var taken = 0; taken < batch.Count;)
        {
            var position = first + taken;
            var offset = (int)(position % NoteTreeTop.ShardSize);
            var count = Math.Min(NoteTreeTop.ShardSize - offset, batch.Count - taken);
            var leaves = new byte[count * LeafSize];
            for (var i = 0; i < count; i++) batch[taken + i].Leaf.CopyTo(leaves, i * LeafSize);
            segments.Add((position / NoteTreeTop.ShardSize, offset, leaves));
            taken += count;
        }
        var roots = await Task.WhenAll(segments.Select(segment => Shard(segment.Shard).AppendAsync(segment.Offset, segment.Leaves)));
        var completed = segments.Select((segment, i) => (segment, root: roots[i]))
            .Where(pair => pair.segment.Offset * LeafSize + pair.segment.Leaves.Length == NoteTreeTop.ShardSize * LeafSize)
            .SelectMany(pair => pair.root).ToArray();

        var (size, fullShardRoots) = (Stored.Size, Stored.FullShardRoots);
        var given = batch.Select((entry, i) => (entry.JobId, Position: first + i)).ToList();
        var acknowledged = _acknowledged.ToList();
        Stored.Size = first + batch.Count;
        Stored.FullShardRoots = [.. fullShardRoots, .. completed];
        foreach (var jobId in acknowledged) Stored.Unacknowledged.Remove(jobId);
        foreach (var (jobId, position) in given) Stored.Unacknowledged[jobId] = position;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            (Stored.Size, Stored.FullShardRoots) = (size, fullShardRoots);
            foreach (var (jobId, _) in given) Stored.Unacknowledged.Remove(jobId);
            // Whether the write happened is unknown: the next activation reads what the store holds.
            DeactivateOnIdle();
            throw;
        }
        _acknowledged.ExceptWith(acknowledged);

        foreach (var (_, _, leaves) in segments)
        {
            _open.Append(leaves);
            if (_open.Count == NoteTreeTop.ShardSize)
            {
                _top.CompleteOpenShard(_open.Root);
                _open = new NoteSubtree(NoteTreeTop.ShardDepth, 0);
            }
            else
            {
                _top.SetOpenShardRoot(_open.Root);
            }
        }
        _size = Stored.Size;
        return first;
    }

    private sealed record QueuedNote(string JobId, byte[] Leaf)
    {
        public TaskCompletionSource<long> Position { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing a batch of {Count} notes failed: its jobs ask again")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, int count);
}
