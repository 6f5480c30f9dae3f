using System.Text.Json;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Cli.Commands;

/// <summary>
/// What <c>notes prove</c> writes and <c>notes verify</c> reads (docs/note-tree.md): the job, its note commitment (the
/// leaf), its position, the tree's size and root when asked, and the 32 siblings from the leaf's level up, all hex.
/// Nothing in it opens the note.
/// </summary>
internal sealed record NoteProofFile(
    string Format, int Version, string JobId, string Note, long Position, long TreeSize, string Root, IReadOnlyList<string> Path)
{
    public const string FormatName = "paraloom-note-proof";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static NoteProofFile Of(Grains.NoteInclusionProof proof) => new(
        FormatName, 1, proof.JobId, proof.Note.ToHex(), proof.Position, proof.TreeSize, Convert.ToHexStringLower(proof.Root.Span),
        proof.Path.SiblingsHex());

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>Whether the path leads from the note's leaf to the root at a position below the tree size.</summary>
    /// <exception cref="InvalidEncodingException">The note, path or root does not parse.</exception>
    public bool Verifies()
    {
        var root = Convert.FromHexString(Root);
        if (root.Length != NoteTreeHash.Size) throw new InvalidEncodingException("A tree root is 64 hex characters.");
        return NotePath.FromHex(Position, Path).Proves(NoteCommitment.FromHex(Note), TreeSize, root);
    }

    /// <exception cref="UsageException">The text is not a note-proof file.</exception>
    public static NoteProofFile Parse(string text, string path)
    {
        NoteProofFile? file;
        try
        {
            file = JsonSerializer.Deserialize<NoteProofFile>(text, Json);
        }
        catch (JsonException malformed)
        {
            throw new UsageException($"{path} is not a note-proof file: {malformed.Message}");
        }
        return file is { Format: FormatName, Version: 1, JobId: not null, Note: not null, Root: not null, Path: not null }
            ? file
            : throw new UsageException($"{path} is not a version-1 {FormatName} file with its job, note, root and path.");
    }
}
