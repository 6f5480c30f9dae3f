namespace Paraloom.Wire;

/// <summary>
/// A private job's note inclusion proof (POST /v1/jobs/{id}/note-proof, with a <see cref="ResultRequest"/>): the note,
/// its position and path, and the anchor (tree size, root) the tree had when asked (docs/note-tree.md).
/// </summary>
internal sealed record NoteProofResponse
{
    public required string JobId { get; init; }

    /// <summary>The note commitment, hex (34 bytes: the kind, then the compressed point): the leaf.</summary>
    public required string Note { get; init; }

    public required long Position { get; init; }

    /// <summary>How many notes the tree held when the proof was made; the position is below it.</summary>
    public required long TreeSize { get; init; }

    /// <summary>The tree's root at that size, hex.</summary>
    public required string Root { get; init; }

    /// <summary>The 32 siblings from the leaf's level up, hex.</summary>
    public required string[] Path { get; init; }

    /// <summary>The job receipt's canonical bytes, base64: the note its votes signed is the one the leaf must be.</summary>
    public required byte[] Receipt { get; init; }
}
