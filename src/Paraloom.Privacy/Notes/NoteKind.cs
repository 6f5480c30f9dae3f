namespace Paraloom.Privacy.Notes;

/// <summary>
/// How a note's value was taken from the output it commits to. The byte is the note flag a vote signs
/// (docs/receipt-format.md), so the kind is as certain as the commitment.
/// </summary>
public enum NoteKind : byte
{
    /// <summary>An 8-byte output read as a little-endian u64 amount: amount notes add (<see cref="NoteSum"/>).</summary>
    Amount = 1,

    /// <summary>Any other output, committed through a domain-separated hash of its bytes.</summary>
    Data = 2,
}
