using System.Text.Json;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Cli.Commands;

/// <summary>
/// What <c>notes sum</c> writes and <c>notes verify-sum</c> reads: the jobs whose amount notes are summed, in order, the
/// notes their receipts carry (hex, for people: the verifier takes them from the receipts), the total and the proof.
/// Nothing in it opens a note.
/// </summary>
internal sealed record NoteSumFile(string Format, int Version, IReadOnlyList<string> Jobs, IReadOnlyList<string> Notes, ulong Total, string Proof)
{
    public const string FormatName = "paraloom-note-sum";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static NoteSumFile Of(IReadOnlyList<string> jobs, IReadOnlyList<NoteCommitment> notes, NoteSum proof) =>
        new(FormatName, 1, jobs, [.. notes.Select(note => note.ToHex())], proof.Total, proof.ToHex());

    public NoteSum ParseProof()
    {
        var proof = NoteSum.FromHex(Proof);
        return proof.Total == Total ? proof : throw new InvalidEncodingException($"the file's total {Total} is not the proof's {proof.Total}");
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <exception cref="UsageException">The text is not a note-sum file.</exception>
    public static NoteSumFile Parse(string text, string path)
    {
        NoteSumFile? file;
        try
        {
            file = JsonSerializer.Deserialize<NoteSumFile>(text, Json);
        }
        catch (JsonException malformed)
        {
            throw new UsageException($"{path} is not a note-sum file: {malformed.Message}");
        }
        return file is { Format: FormatName, Version: 1, Jobs.Count: > 0, Proof: not null }
            ? file
            : throw new UsageException($"{path} is not a version-1 {FormatName} file with its jobs and proof.");
    }
}
