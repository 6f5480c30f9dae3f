using System.Security.Cryptography;

namespace Paraloom.Privacy.Notes;

/// <summary>
/// What opens a note: its kind, its value (an amount, or the output's bytes) and its blinding. Private: whoever holds
/// it learns the output. <see cref="ToString"/> shows neither value nor blinding; <see cref="Dispose"/> zeroes both.
/// </summary>
public sealed class NoteOpening : IDisposable
{
    private readonly byte[]? _data;

    private NoteOpening(NoteKind kind, ulong? amount, byte[]? data, Blinding blinding)
    {
        Kind = kind;
        Amount = amount;
        _data = data;
        Blinding = blinding ?? throw new ArgumentNullException(nameof(blinding));
    }

    public NoteKind Kind { get; }

    /// <summary>An amount note's value; <c>null</c> for a data note.</summary>
    public ulong? Amount { get; }

    /// <summary>A data note's bytes (the output itself); <c>null</c> for an amount note.</summary>
    public ReadOnlyMemory<byte>? Data => _data is null ? default(ReadOnlyMemory<byte>?) : _data;

    public Blinding Blinding { get; }

    /// <summary>An amount note's opening; it takes ownership of <paramref name="blinding"/>.</summary>
    public static NoteOpening OfAmount(ulong amount, Blinding blinding) => new(NoteKind.Amount, amount, null, blinding);

    /// <summary>A data note's opening (a copy of <paramref name="data"/>); it takes ownership of <paramref name="blinding"/>.</summary>
    public static NoteOpening OfData(ReadOnlySpan<byte> data, Blinding blinding) => new(NoteKind.Data, null, data.ToArray(), blinding);

    /// <summary>The note this opening opens.</summary>
    public NoteCommitment Commit()
    {
        using var value = Value();
        return new NoteCommitment(Kind, PedersenCommitment.Commit(value, Blinding));
    }

    /// <summary>Whether this opening opens <paramref name="note"/>: same kind, and the commitment recomputes.</summary>
    public bool Opens(NoteCommitment note)
    {
        ArgumentNullException.ThrowIfNull(note);
        using var value = Value();
        return note.Kind == Kind && note.Commitment.Opens(value, Blinding);
    }

    public override string ToString() => $"NoteOpening({Kind}, redacted)";

    public void Dispose()
    {
        if (_data is not null) CryptographicOperations.ZeroMemory(_data);
        Blinding.Dispose();
    }

    private CommitmentValue Value() => Kind == NoteKind.Amount ? CommitmentValue.OfAmount(Amount!.Value) : CommitmentValue.OfNoteData(_data);
}
