using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Client;

/// <summary>
/// A private job's output note, opened by the requester: the commitment the cohort signed (in the receipt) and what
/// opens it, checked to open it before the result was returned. The opening reveals the output: give it only to
/// whoever may see it, or prove sums of amount notes without it (<see cref="NoteSum"/>).
/// </summary>
public sealed class ResultNote
{
    internal ResultNote(NoteCommitment commitment, NoteOpening opening)
    {
        Commitment = commitment;
        Opening = opening;
    }

    /// <summary>Amount (an 8-byte output read as a little-endian u64) or data (any other output).</summary>
    public NoteKind Kind => Commitment.Kind;

    /// <summary>An amount note's value; <c>null</c> for a data note.</summary>
    public ulong? Amount => Opening.Amount;

    /// <summary>A data note's bytes (the decrypted output); <c>null</c> for an amount note.</summary>
    public ReadOnlyMemory<byte>? Data => Opening.Data;

    /// <summary>The blinding, derived from the job key: secret, since with the commitment it opens the note.</summary>
    public Blinding Blinding => Opening.Blinding;

    /// <summary>The note commitment every agreeing vote signed: public.</summary>
    public NoteCommitment Commitment { get; }

    /// <summary>
    /// The note's position in the note commitment tree; <c>null</c> while the service keeps no tree (not built yet), so
    /// always <c>null</c> today.
    /// </summary>
    public long? Position => null;

    /// <summary>Kind, value or bytes and blinding: what a sum proof or a later job consumes.</summary>
    public NoteOpening Opening { get; }

    /// <inheritdoc/>
    public override string ToString() => $"ResultNote({Commitment})";
}
