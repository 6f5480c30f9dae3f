using Orleans;
using Paraloom.Privacy.Notes;

namespace Paraloom.Grains;

/// <summary>
/// A private job's output note, its position in the note commitment tree and its path there, against the anchor (tree
/// size, root) the tree had when it was asked (docs/note-tree.md): whoever trusts that root learns the note is in the
/// tree, and nothing about the other notes but their hashes. It carries the job's receipt, so the requester checks
/// that the leaf is the note the cohort signed.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.note-inclusion-proof")]
public sealed class NoteInclusionProof
{
    [Id(0)]
    private readonly byte[] _path;

    [Id(1)]
    private readonly byte[] _root;

    [Id(5)]
    private readonly byte[] _receipt;

    public NoteInclusionProof(
        string jobId, NoteCommitment note, NotePath path, long treeSize, ReadOnlySpan<byte> root, ReadOnlySpan<byte> receipt)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(path);
        if (root.Length != NoteTreeHash.Size) throw new ArgumentException("A tree root is 32 bytes.", nameof(root));
        JobId = jobId;
        Note = note;
        _path = path.ToBytes();
        TreeSize = treeSize;
        _root = root.ToArray();
        _receipt = receipt.ToArray();
    }

    [Id(2)]
    public string JobId { get; }

    [Id(3)]
    public NoteCommitment Note { get; }

    /// <summary>How many notes the tree held: the anchor's size, which the note's position is below.</summary>
    [Id(4)]
    public long TreeSize { get; }

    public NotePath Path => NotePath.FromBytes(_path);

    public long Position => Path.Position;

    /// <summary>The anchor's root, the tree's root at <see cref="TreeSize"/> notes.</summary>
    public ReadOnlyMemory<byte> Root => _root;

    /// <summary>The job receipt's canonical bytes (docs/receipt-format.md): the note the votes signed is the leaf.</summary>
    public ReadOnlyMemory<byte> Receipt => _receipt;

    /// <summary>Whether the path leads from the note's leaf to the root at a position below the size.</summary>
    public bool Verifies() => Path.Proves(Note, TreeSize, _root);
}
