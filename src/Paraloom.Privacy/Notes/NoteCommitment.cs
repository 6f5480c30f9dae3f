using System.Security.Cryptography;

namespace Paraloom.Privacy.Notes;

/// <summary>
/// A private job's output note as the cohort signs it: its <see cref="NoteKind"/> and the Pedersen commitment to the
/// output. Encoded as 34 bytes, the kind then the compressed point; public (it hides the output).
/// </summary>
public sealed class NoteCommitment : IEquatable<NoteCommitment>
{
    public const int Size = 1 + PedersenCommitment.Size;

    public NoteCommitment(NoteKind kind, PedersenCommitment commitment)
    {
        Kind = Enum.IsDefined(kind) ? kind : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a note kind.");
        Commitment = commitment ?? throw new ArgumentNullException(nameof(commitment));
    }

    public NoteKind Kind { get; }

    public PedersenCommitment Commitment { get; }

    public static NoteCommitment FromBytes(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != Size) throw new InvalidEncodingException($"A note commitment is {Size} bytes (its kind, then a compressed point).");
        return new NoteCommitment(KindOf(encoded[0]), PedersenCommitment.FromBytes(encoded[1..]));
    }

    public static NoteCommitment FromHex(string hex) => FromBytes(Hex.Decode(hex, Size, "note commitment"));

    /// <summary>The kind a vote's note flag names; a flag of 0 (no note) or above 2 is refused.</summary>
    public static NoteKind KindOf(byte flag) =>
        Enum.IsDefined((NoteKind)flag) ? (NoteKind)flag : throw new InvalidEncodingException($"A note kind is 1 (amount) or 2 (data), not {flag}.");

    public byte[] ToBytes() => [(byte)Kind, .. Commitment.AsSpan()];

    public string ToHex() => Hex.Encode(ToBytes());

    public bool Equals(NoteCommitment? other) =>
        other is not null && Kind == other.Kind && CryptographicOperations.FixedTimeEquals(Commitment.AsSpan(), other.Commitment.AsSpan());

    public override bool Equals(object? obj) => Equals(obj as NoteCommitment);

    public override int GetHashCode() => HashCode.Combine(Kind, Commitment);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} note {Commitment.ToHex()}";
}
