namespace Paraloom.Privacy.Notes;

/// <summary>
/// The note commitment tree above its shards (docs/note-tree.md): the roots of the full shards, kept as a
/// <see cref="NoteSubtree"/> of depth 20 at base 12, and the root of the one shard being filled. That root changes with
/// every note the open shard takes, so it is not appended until the shard is full; the nodes over it are recomputed
/// (20 hashes) each time it changes, which keeps <see cref="Root"/> and every path a lookup.
/// </summary>
public sealed class NoteTreeTop
{
    public const int ShardDepth = 12;

    /// <summary>Notes per shard: 4,096.</summary>
    public const int ShardSize = 1 << ShardDepth;

    /// <summary>Levels above the shards.</summary>
    public const int Depth = NoteTreeHash.Depth - ShardDepth;

    /// <summary>A path through the top: one sibling per level, 640 bytes.</summary>
    public const int PathSize = Depth * HashSize;

    private const int HashSize = NoteTreeHash.Size;

    private readonly NoteSubtree _fullShards = new(Depth, ShardDepth);

    // _edge[l] is the node at relative level l over the open shard (index FullShards >> l), the open shard's root included.
    private readonly byte[] _edge = new byte[(Depth + 1) * HashSize];

    /// <summary>An empty tree: no full shards, an empty open shard.</summary>
    public NoteTreeTop()
    {
        SetOpenShardRoot(NoteTreeHash.Empty(ShardDepth));
    }

    /// <summary>The top of a tree whose full shards have <paramref name="fullShardRoots"/> (32 bytes each, in order).</summary>
    public static NoteTreeTop FromFullShardRoots(ReadOnlySpan<byte> fullShardRoots, ReadOnlySpan<byte> openShardRoot)
    {
        var top = new NoteTreeTop();
        top._fullShards.Append(fullShardRoots);
        if (!top.IsFull) top.SetOpenShardRoot(openShardRoot);
        return top;
    }

    /// <summary>Shards that hold <see cref="ShardSize"/> notes; the next one is open.</summary>
    public long FullShards => _fullShards.Count;

    private bool IsFull => FullShards == _fullShards.Capacity;

    /// <summary>The root of the whole depth-32 tree.</summary>
    public ReadOnlySpan<byte> Root => IsFull ? _fullShards.Root : _edge.AsSpan(Depth * HashSize, HashSize);

    /// <summary>The open shard's root changed (it took notes): the nodes over it follow.</summary>
    public void SetOpenShardRoot(ReadOnlySpan<byte> root)
    {
        if (root.Length != HashSize) throw new ArgumentException("A shard root is 32 bytes.", nameof(root));
        if (IsFull) throw new InvalidOperationException("The note tree is full: no shard is open.");
        root.CopyTo(_edge);
        var open = FullShards;
        for (var level = 1; level <= Depth; level++)
        {
            var child = open >> (level - 1);
            var below = Edge(level - 1);
            // Left of the open node is a full node (its range ends before the open shard); right of it, only empty shards.
            if ((child & 1) == 0) NoteTreeHash.Node(below, NoteTreeHash.Empty(ShardDepth + level - 1), Edge(level));
            else NoteTreeHash.Node(_fullShards.NodeAt(level - 1, child - 1), below, Edge(level));
        }
    }

    /// <summary>The open shard is full with <paramref name="root"/>: it joins the full shards, and an empty one opens.</summary>
    public void CompleteOpenShard(ReadOnlySpan<byte> root)
    {
        if (root.Length != HashSize) throw new ArgumentException("A shard root is 32 bytes.", nameof(root));
        _fullShards.Append(root);
        if (!IsFull) SetOpenShardRoot(NoteTreeHash.Empty(ShardDepth));
    }

    /// <summary>
    /// Writes the siblings of <paramref name="shard"/> (a full shard or the open one) from the shards' level up to the
    /// one below the root (<see cref="PathSize"/> bytes): the last 20 siblings of a note's path in that shard.
    /// </summary>
    public void CopyPath(long shard, Span<byte> siblings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(shard);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(shard, IsFull ? FullShards - 1 : FullShards);
        if (siblings.Length < PathSize) throw new ArgumentException($"A path through the top is {PathSize} bytes.", nameof(siblings));
        for (var level = 0; level < Depth; level++)
        {
            NodeAt(level, (shard >> level) ^ 1).CopyTo(siblings[(level * HashSize)..]);
        }
    }

    private ReadOnlySpan<byte> NodeAt(int level, long index)
    {
        if ((index + 1) << level <= FullShards) return _fullShards.NodeAt(level, index);
        if (!IsFull && index == FullShards >> level) return Edge(level);
        return NoteTreeHash.Empty(ShardDepth + level);
    }

    private Span<byte> Edge(int level) => _edge.AsSpan(level * HashSize, HashSize);
}
