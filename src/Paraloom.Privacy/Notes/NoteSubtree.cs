namespace Paraloom.Privacy.Notes;

/// <summary>
/// An append-only part of the note commitment tree that keeps every node: <see cref="Depth"/> levels whose bottom
/// sits at <see cref="BaseLevel"/> of the whole tree (a shard of 4,096 notes is depth 12 at base 0; the tree above
/// the shards is depth 20 at base 12, its leaves the shards' roots). Nodes right of the last leaf are the empty
/// values of their level, so a subtree's root is the same whether it is full or not. Memory grows with the leaves
/// appended, never with the capacity.
/// </summary>
public sealed class NoteSubtree
{
    private const int HashSize = NoteTreeHash.Size;

    // _levels[l] holds the nodes of relative level l that have a leaf below them, left to right.
    private readonly byte[][] _levels;
    private readonly long[] _counts;

    public NoteSubtree(int depth, int baseLevel)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(baseLevel);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(depth + baseLevel, NoteTreeHash.Depth);
        Depth = depth;
        BaseLevel = baseLevel;
        _levels = new byte[depth + 1][];
        _counts = new long[depth + 1];
        for (var level = 0; level <= depth; level++) _levels[level] = [];
    }

    public int Depth { get; }

    public int BaseLevel { get; }

    public long Capacity => 1L << Depth;

    /// <summary>Leaves appended so far.</summary>
    public long Count => _counts[0];

    /// <summary>The subtree's root: the node at relative level <see cref="Depth"/>.</summary>
    public ReadOnlySpan<byte> Root => NodeAt(Depth, 0);

    /// <summary>Appends 32-byte leaf values (level <see cref="BaseLevel"/> nodes) and rehashes only what they change.</summary>
    /// <exception cref="InvalidOperationException">The subtree would hold more than its capacity.</exception>
    public void Append(ReadOnlySpan<byte> leaves)
    {
        if (leaves.Length % HashSize != 0) throw new ArgumentException("Leaves are 32 bytes each.", nameof(leaves));
        long added = leaves.Length / HashSize;
        if (added == 0) return;
        if (Count + added > Capacity) throw new InvalidOperationException($"This part of the tree holds {Capacity} leaves; {Count} are taken.");
        var first = Count;
        Grow(0, Count + added);
        leaves.CopyTo(_levels[0].AsSpan(checked((int)(first * HashSize))));
        _counts[0] += added;
        // Each level above rehashes the parents of the changed range: from the parent of the first new leaf to the last.
        for (var level = 1; level <= Depth; level++)
        {
            first >>= 1;
            var count = (_counts[level - 1] + 1) >> 1;
            Grow(level, count);
            for (var index = first; index < count; index++)
            {
                NoteTreeHash.Node(NodeAt(level - 1, 2 * index), NodeAt(level - 1, 2 * index + 1), Slot(level, index));
            }
            _counts[level] = count;
        }
    }

    /// <summary>The node at relative <paramref name="level"/> and <paramref name="index"/>, or that level's empty value.</summary>
    public ReadOnlySpan<byte> NodeAt(int level, long index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, Depth);
        return index < _counts[level]
            ? _levels[level].AsSpan(checked((int)(index * HashSize)), HashSize)
            : NoteTreeHash.Empty(BaseLevel + level);
    }

    /// <summary>
    /// Writes the siblings of leaf <paramref name="index"/> from its own level up to the one below the root
    /// (<see cref="Depth"/> × 32 bytes) into <paramref name="siblings"/>.
    /// </summary>
    public void CopyPath(long index, Span<byte> siblings)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Capacity);
        if (siblings.Length < Depth * HashSize) throw new ArgumentException($"A path here is {Depth * HashSize} bytes.", nameof(siblings));
        for (var level = 0; level < Depth; level++)
        {
            NodeAt(level, (index >> level) ^ 1).CopyTo(siblings[(level * HashSize)..]);
        }
    }

    private Span<byte> Slot(int level, long index) => _levels[level].AsSpan(checked((int)(index * HashSize)), HashSize);

    private void Grow(int level, long count)
    {
        var needed = checked((int)(count * HashSize));
        if (_levels[level].Length >= needed) return;
        var grown = new byte[Math.Max(needed, Math.Min(2 * _levels[level].Length, int.MaxValue / 2))];
        _levels[level].AsSpan(0, checked((int)(_counts[level] * HashSize))).CopyTo(grown);
        _levels[level] = grown;
    }
}
