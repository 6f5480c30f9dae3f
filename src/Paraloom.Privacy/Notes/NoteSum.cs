using System.Buffers.Binary;
using System.Security.Cryptography;
using Paraloom.Privacy.Native;

namespace Paraloom.Privacy.Notes;

/// <summary>
/// A proof to a third party that amount notes, in a stated order, hold amounts whose sum is <see cref="Total"/>, opening
/// none of them (docs/cryptography.md §13.2): with R the sum of their blindings, <c>Σ C_i − T·G = R·H</c>, and the proof
/// is a Schnorr proof of knowledge of R with respect to H. Not R itself: combined blindings of overlapping sets of notes
/// would solve for each note's blinding, while this proof reveals nothing about R. 73 bytes: T:u64be ‖ A ‖ s.
/// </summary>
public sealed class NoteSum
{
    public const int Size = sizeof(ulong) + CurvePoint.CompressedSize + ScalarMath.Size;

    private readonly byte[] _encoded;

    private NoteSum(byte[] encoded) => _encoded = encoded;

    /// <summary>The sum the proof claims.</summary>
    public ulong Total => BinaryPrimitives.ReadUInt64BigEndian(_encoded);

    private ReadOnlySpan<byte> Nonce => _encoded.AsSpan(sizeof(ulong), CurvePoint.CompressedSize);

    private ReadOnlySpan<byte> Response => _encoded.AsSpan(sizeof(ulong) + CurvePoint.CompressedSize);

    /// <summary>Proves the sum of the amount notes <paramref name="openings"/> open, in their order.</summary>
    /// <exception cref="ArgumentException">No notes, a data note, or a sum at or above 2^64.</exception>
    public static NoteSum Prove(IReadOnlyList<NoteOpening> openings)
    {
        ArgumentNullException.ThrowIfNull(openings);
        if (openings.Count == 0 || openings.Any(opening => opening.Kind != NoteKind.Amount))
        {
            throw new ArgumentException("A sum is proven over one or more amount notes.", nameof(openings));
        }
        ulong total = 0;
        foreach (var opening in openings)
        {
            if (opening.Amount!.Value > ulong.MaxValue - total)
            {
                throw new ArgumentException("The amounts sum to 2^64 or more: the u64 total is not what the notes hold.", nameof(openings));
            }
            total += opening.Amount.Value;
        }
        var notes = openings.Select(opening => opening.Commit()).ToList();
        if (!TryDifference(notes, total, out _))
        {
            throw new InvalidOperationException("The notes' blindings sum to zero: nothing would hide the total.");
        }
        Span<byte> combined = stackalloc byte[ScalarMath.Size];
        Span<byte> k = stackalloc byte[ScalarMath.Size];
        Span<byte> e = stackalloc byte[ScalarMath.Size];
        try
        {
            CombineBlindings(openings, combined);
            var encoded = new byte[Size];
            BinaryPrimitives.WriteUInt64BigEndian(encoded, total);
            while (true)
            {
                RandomNumberGenerator.Fill(k);
                if (!ScalarMath.IsValidNonZero(k) || !CurvePoint.H.TryMultiply(k, out CurvePoint nonce)) continue;
                nonce.WriteCompressed(encoded.AsSpan(sizeof(ulong), CurvePoint.CompressedSize));
                if (!TryChallenge(notes, total, encoded.AsSpan(sizeof(ulong), CurvePoint.CompressedSize), e)) continue;
                // s = k + e·R
                var response = encoded.AsSpan(sizeof(ulong) + CurvePoint.CompressedSize);
                ScalarMath.Multiply(e, combined, response);
                ScalarMath.Add(k, response, response);
                return new NoteSum(encoded);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(combined);
            CryptographicOperations.ZeroMemory(k);
        }
    }

    /// <summary>Null when the proof shows that <paramref name="notes"/>, in this order, sum to <see cref="Total"/>; else why not.</summary>
    public string? ProblemWith(IReadOnlyList<NoteCommitment> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        if (notes.Count == 0) return "there are no notes to sum";
        if (notes.FirstOrDefault(note => note.Kind != NoteKind.Amount) is { } data) return $"{data} is not an amount note";
        if (!CurvePoint.TryParseCompressed(Nonce, out CurvePoint nonce) || !ScalarMath.IsBelowOrder(Response)) return "the proof is malformed";
        Span<byte> e = stackalloc byte[ScalarMath.Size];
        if (!TryDifference(notes, Total, out CurvePoint difference) || !TryChallenge(notes, Total, Nonce, e))
        {
            return $"the notes do not sum to {Total}";
        }
        // s·H = A + e·P
        Span<byte> left = stackalloc byte[CurvePoint.CompressedSize];
        Span<byte> right = stackalloc byte[CurvePoint.CompressedSize];
        Span<CurvePoint> terms = [nonce, default];
        if (!CurvePoint.H.TryMultiply(Response, out CurvePoint sH) || !difference.TryMultiply(e, out terms[1])
            || !CurvePoint.TrySum(terms, out CurvePoint sum))
        {
            return $"the notes do not sum to {Total}";
        }
        sH.WriteCompressed(left);
        sum.WriteCompressed(right);
        return left.SequenceEqual(right) ? null : $"the notes do not sum to {Total}";
    }

    public static NoteSum FromBytes(ReadOnlySpan<byte> encoded) =>
        encoded.Length == Size ? new NoteSum(encoded.ToArray()) : throw new InvalidEncodingException($"A note-sum proof is {Size} bytes.");

    public static NoteSum FromHex(string hex) => FromBytes(Hex.Decode(hex, Size, "note-sum proof"));

    public byte[] ToBytes() => (byte[])_encoded.Clone();

    public string ToHex() => Hex.Encode(_encoded);

    public override string ToString() => $"NoteSum({Total})";

    /// <summary>P = Σ C_i − T·G; false when it is the identity.</summary>
    private static bool TryDifference(IReadOnlyList<NoteCommitment> notes, ulong total, out CurvePoint difference)
    {
        var points = notes.Select(note => note.Commitment.Point).ToArray();
        if (!CurvePoint.TrySum(points, out CurvePoint sum))
        {
            difference = default;
            return false;
        }
        if (total == 0)
        {
            difference = sum;
            return true;
        }
        Span<byte> minusTotal = stackalloc byte[ScalarMath.Size];
        ScalarMath.FromUInt64(total, minusTotal);
        ScalarMath.Negate(minusTotal, minusTotal);
        return sum.TryAddMultipleOfG(minusTotal, out difference);
    }

    /// <summary>e = int(TaggedHash("paraloom/note-sum/v1", m:u16be ‖ C_1 … C_m ‖ T:u64be ‖ A)) mod n; false when zero.</summary>
    private static bool TryChallenge(IReadOnlyList<NoteCommitment> notes, ulong total, ReadOnlySpan<byte> nonce, Span<byte> e)
    {
        using IncrementalHash challenge = TaggedHash.NoteSumChallenge.Begin();
        Span<byte> number = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt16BigEndian(number, checked((ushort)notes.Count));
        challenge.AppendData(number[..sizeof(ushort)]);
        foreach (var note in notes)
        {
            challenge.AppendData(note.Commitment.AsSpan());
        }
        BinaryPrimitives.WriteUInt64BigEndian(number, total);
        challenge.AppendData(number);
        challenge.AppendData(nonce);
        ScalarMath.Reduce(challenge.GetHashAndReset(), e);
        return !ScalarMath.IsZero(e);
    }

    private static void CombineBlindings(IReadOnlyList<NoteOpening> openings, Span<byte> combined)
    {
        combined.Clear();
        foreach (var opening in openings)
        {
            ScalarMath.Add(combined, opening.Blinding.Scalar, combined);
        }
    }
}
