using System.Buffers.Binary;

namespace Paraloom.Privacy.Notes;

/// <summary>
/// The right edge of the note commitment tree: its size and, for each set bit l of the size, the root of the full
/// subtree of 2^l leaves left of the next free position. That is all it takes to append and to compute the root,
/// so whoever holds a frontier it trusts (a validator certifying the next anchor) needs none of the tree's nodes.
/// Encoded as the size (u64 big-endian) then those roots from the lowest level up.
/// </summary>
public sealed class NoteTreeFrontier
{
    private const int HashSize = NoteTreeHash.Size;

    // _nodes[l] is meaningful only when bit l of Size is set; level 32 only when the tree is full.
    private readonly byte[][] _nodes = new byte[NoteTreeHash.Depth + 1][];

    public long Size { get; private set; }

    /// <summary>The frontier of an empty tree.</summary>
    public NoteTreeFrontier()
    {
    }

    /// <summary>The frontier of a tree of <paramref name="size"/> leaves given its full subtrees' roots, lowest first.</summary>
    public static NoteTreeFrontier FromNodes(long size, IReadOnlyList<byte[]> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        if (size < 0 || size > NoteTreeHash.Capacity) throw new InvalidEncodingException($"A note tree holds 0 to 2^32 leaves, not {size}.");
        var frontier = new NoteTreeFrontier { Size = size };
        var next = 0;
        for (var level = 0; level <= NoteTreeHash.Depth; level++)
        {
            if ((size >> level & 1) == 0) continue;
            if (next >= nodes.Count) throw new InvalidEncodingException($"A frontier of size {size} has {long.PopCount(size)} nodes.");
            if (nodes[next].Length != HashSize) throw new InvalidEncodingException("A frontier node is 32 bytes.");
            frontier._nodes[level] = (byte[])nodes[next++].Clone();
        }
        if (next != nodes.Count) throw new InvalidEncodingException($"A frontier of size {size} has {long.PopCount(size)} nodes.");
        return frontier;
    }

    public static NoteTreeFrontier FromBytes(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < 8 || (encoded.Length - 8) % HashSize != 0) throw new InvalidEncodingException("A frontier is a u64 size and 32-byte nodes.");
        var size = BinaryPrimitives.ReadUInt64BigEndian(encoded);
        if (size > NoteTreeHash.Capacity) throw new InvalidEncodingException($"A note tree holds at most 2^32 leaves, not {size}.");
        var nodes = new List<byte[]>();
        for (var offset = 8; offset < encoded.Length; offset += HashSize) nodes.Add(encoded.Slice(offset, HashSize).ToArray());
        return FromNodes((long)size, nodes);
    }

    /// <summary>The full subtrees' roots, lowest level first (one per set bit of <see cref="Size"/>).</summary>
    public IReadOnlyList<byte[]> Nodes =>
        [.. Enumerable.Range(0, NoteTreeHash.Depth + 1).Where(level => (Size >> level & 1) == 1).Select(level => (byte[])_nodes[level].Clone())];

    public byte[] ToBytes()
    {
        var nodes = Nodes;
        var encoded = new byte[8 + nodes.Count * HashSize];
        BinaryPrimitives.WriteUInt64BigEndian(encoded, (ulong)Size);
        for (var i = 0; i < nodes.Count; i++) nodes[i].CopyTo(encoded, 8 + i * HashSize);
        return encoded;
    }

    /// <summary>Appends one leaf value (from <see cref="NoteTreeHash.Leaf(NoteCommitment)"/>) and returns its position.</summary>
    public long Append(ReadOnlySpan<byte> leaf)
    {
        if (leaf.Length != HashSize) throw new ArgumentException("A leaf is 32 bytes.", nameof(leaf));
        if (Size == NoteTreeHash.Capacity) throw new InvalidOperationException("The note tree is full.");
        var carry = leaf.ToArray();
        var level = 0;
        // Each full subtree the new leaf completes merges with its left neighbour, like a carry in binary addition.
        for (; (Size >> level & 1) == 1; level++)
        {
            NoteTreeHash.Node(_nodes[level], carry, carry);
            _nodes[level] = null!;
        }
        _nodes[level] = carry;
        return Size++;
    }

    /// <summary>The root of the whole depth-32 tree, empty positions included.</summary>
    public byte[] Root()
    {
        if (Size == NoteTreeHash.Capacity) return (byte[])_nodes[NoteTreeHash.Depth].Clone();
        var node = NoteTreeHash.Empty(0).ToArray();
        for (var level = 0; level < NoteTreeHash.Depth; level++)
        {
            if ((Size >> level & 1) == 1) NoteTreeHash.Node(_nodes[level], node, node);
            else NoteTreeHash.Node(node, NoteTreeHash.Empty(level), node);
        }
        return node;
    }
}
