using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Privacy.Notes;

/// <summary>
/// The hashes of the note commitment tree (docs/note-tree.md): a leaf is SHA-256(SHA-256("paraloom/note-tree-leaf/v1")
/// ‖ note commitment), a node SHA-256(SHA-256("paraloom/note-tree-node/v1") ‖ left ‖ right), and an empty subtree of
/// level 0 is SHA-256("paraloom/note-tree-empty/v1"), of level l + 1 the node of two empty subtrees of level l. The
/// tags keep a leaf from ever passing for a node; one 32-byte prefix keeps a node at two SHA-256 blocks.
/// </summary>
public static class NoteTreeHash
{
    /// <summary>Levels above the leaves: the tree holds up to 2^32 notes.</summary>
    public const int Depth = 32;

    public const int Size = 32;

    public const long Capacity = 1L << Depth;

    private static readonly byte[] LeafTag = SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/note-tree-leaf/v1"));
    private static readonly byte[] NodeTag = SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/note-tree-node/v1"));
    private static readonly byte[] EmptyValues = ComputeEmptyValues();

    /// <summary>The leaf of a note commitment as votes sign it (kind ‖ compressed point, 34 bytes).</summary>
    public static byte[] Leaf(NoteCommitment note)
    {
        ArgumentNullException.ThrowIfNull(note);
        var leaf = new byte[Size];
        Leaf(note.ToBytes(), leaf);
        return leaf;
    }

    /// <summary>The leaf of a note commitment's 34-byte encoding, into <paramref name="destination"/>.</summary>
    public static void Leaf(ReadOnlySpan<byte> note, Span<byte> destination)
    {
        if (note.Length != NoteCommitment.Size) throw new ArgumentException($"A note commitment is {NoteCommitment.Size} bytes.", nameof(note));
        Span<byte> input = stackalloc byte[Size + NoteCommitment.Size];
        LeafTag.CopyTo(input);
        note.CopyTo(input[Size..]);
        SHA256.HashData(input, destination);
    }

    /// <summary>The parent of two 32-byte children, into <paramref name="destination"/> (which may be either child).</summary>
    public static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> input = stackalloc byte[3 * Size];
        NodeTag.CopyTo(input);
        left[..Size].CopyTo(input[Size..]);
        right[..Size].CopyTo(input[(2 * Size)..]);
        SHA256.HashData(input, destination);
    }

    /// <summary>The root of an empty subtree whose root is at <paramref name="level"/> (0: an empty leaf; 32: an empty tree).</summary>
    public static ReadOnlySpan<byte> Empty(int level)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(level);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, Depth);
        return EmptyValues.AsSpan(level * Size, Size);
    }

    private static byte[] ComputeEmptyValues()
    {
        var values = new byte[(Depth + 1) * Size];
        SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/note-tree-empty/v1"), values);
        for (var level = 1; level <= Depth; level++)
        {
            var below = values.AsSpan((level - 1) * Size, Size);
            Node(below, below, values.AsSpan(level * Size, Size));
        }
        return values;
    }
}
