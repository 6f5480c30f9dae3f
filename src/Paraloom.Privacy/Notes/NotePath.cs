using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Paraloom.Privacy.Notes;

/// <summary>
/// A note's authentication path in the commitment tree: its position and the 32 siblings from the leaf's level up.
/// Encoded as the position (u32 big-endian) then the siblings, 1,028 bytes (docs/note-tree.md).
/// </summary>
public sealed class NotePath
{
    public const int SiblingsSize = NoteTreeHash.Depth * NoteTreeHash.Size;
    public const int Size = 4 + SiblingsSize;

    private readonly byte[] _siblings;

    public NotePath(uint position, ReadOnlySpan<byte> siblings)
    {
        if (siblings.Length != SiblingsSize) throw new InvalidEncodingException($"A note path has {NoteTreeHash.Depth} siblings of 32 bytes.");
        Position = position;
        _siblings = siblings.ToArray();
    }

    public uint Position { get; }

    public ReadOnlySpan<byte> Siblings => _siblings;

    public static NotePath FromBytes(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != Size) throw new InvalidEncodingException($"A note path is {Size} bytes (a u32 position, then {NoteTreeHash.Depth} siblings).");
        return new NotePath(BinaryPrimitives.ReadUInt32BigEndian(encoded), encoded[4..]);
    }

    /// <summary>A path as JSON carries it (the HTTP API, the CLI's proof file): the position and 32 hex siblings, leaf level first.</summary>
    /// <exception cref="InvalidEncodingException">The position is not a u32, or not 32 siblings of 32 bytes in hex.</exception>
    public static NotePath FromHex(long position, IReadOnlyList<string> siblings)
    {
        ArgumentNullException.ThrowIfNull(siblings);
        if (position is < 0 or > uint.MaxValue) throw new InvalidEncodingException($"A note's position is from 0 to {uint.MaxValue}.");
        if (siblings.Count != NoteTreeHash.Depth) throw new InvalidEncodingException($"A note path has {NoteTreeHash.Depth} siblings of 32 bytes.");
        var bytes = new byte[SiblingsSize];
        for (var level = 0; level < NoteTreeHash.Depth; level++)
        {
            Hex.Decode(siblings[level], NoteTreeHash.Size, "path sibling").CopyTo(bytes, level * NoteTreeHash.Size);
        }
        return new NotePath((uint)position, bytes);
    }

    /// <summary>The siblings in hex, leaf level first (<see cref="FromHex"/> reads them back).</summary>
    public string[] SiblingsHex() =>
        [.. Enumerable.Range(0, NoteTreeHash.Depth).Select(level => Hex.Encode(_siblings.AsSpan(level * NoteTreeHash.Size, NoteTreeHash.Size)))];

    public byte[] ToBytes()
    {
        var encoded = new byte[Size];
        BinaryPrimitives.WriteUInt32BigEndian(encoded, Position);
        _siblings.CopyTo(encoded, 4);
        return encoded;
    }

    /// <summary>The root this path leads to from <paramref name="leaf"/> (a leaf value, 32 bytes).</summary>
    public byte[] RootFrom(ReadOnlySpan<byte> leaf)
    {
        if (leaf.Length != NoteTreeHash.Size) throw new ArgumentException("A leaf is 32 bytes.", nameof(leaf));
        var node = leaf.ToArray();
        for (var level = 0; level < NoteTreeHash.Depth; level++)
        {
            var sibling = _siblings.AsSpan(level * NoteTreeHash.Size, NoteTreeHash.Size);
            if ((Position >> level & 1) == 0) NoteTreeHash.Node(node, sibling, node);
            else NoteTreeHash.Node(sibling, node, node);
        }
        return node;
    }

    /// <summary>
    /// Whether <paramref name="note"/> sits at <see cref="Position"/> in the tree of <paramref name="treeSize"/> leaves
    /// whose root is <paramref name="root"/>; a position at or past the size is refused (that leaf is still empty).
    /// </summary>
    public bool Proves(NoteCommitment note, long treeSize, ReadOnlySpan<byte> root)
    {
        ArgumentNullException.ThrowIfNull(note);
        return Position < treeSize && CryptographicOperations.FixedTimeEquals(RootFrom(NoteTreeHash.Leaf(note)), root);
    }
}
