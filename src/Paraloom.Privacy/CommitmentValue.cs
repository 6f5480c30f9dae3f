using System.Security.Cryptography;
using Paraloom.Privacy.Native;

namespace Paraloom.Privacy;

/// <summary>
/// The value v committed to: a 64-bit amount (so commitments add, C(a) + C(b) = C(a + b)), or arbitrary
/// data mapped to a scalar by a tagged hash. Private by nature: ToString never shows it, and
/// <see cref="Dispose"/> zeroes it.
/// </summary>
public sealed class CommitmentValue : IDisposable
{
    private readonly byte[] _scalar = GC.AllocateArray<byte>(ScalarMath.Size, pinned: true);
    private bool _disposed;

    private CommitmentValue()
    {
    }

    /// <summary>v as 32 big-endian bytes below n.</summary>
    internal ReadOnlySpan<byte> Scalar
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _scalar;
        }
    }

    public static CommitmentValue OfAmount(ulong amount)
    {
        var value = new CommitmentValue();
        ScalarMath.FromUInt64(amount, value._scalar);
        return value;
    }

    /// <summary>v = TaggedHash("Paraloom/commitment-value/v1", data) mod n.</summary>
    public static CommitmentValue OfData(ReadOnlySpan<byte> data) => OfHash(TaggedHash.CommitmentValue, data);

    /// <summary>
    /// v = TaggedHash("paraloom/note-data/v1", output) mod n: a data note's value, under a tag of its own so a note never
    /// shares its value with an input commitment to the same bytes.
    /// </summary>
    internal static CommitmentValue OfNoteData(ReadOnlySpan<byte> output) => OfHash(TaggedHash.NoteData, output);

    private static CommitmentValue OfHash(TaggedHash tag, ReadOnlySpan<byte> data)
    {
        var value = new CommitmentValue();
        byte[] hash = tag.Compute(data);
        ScalarMath.Reduce(hash, value._scalar);
        CryptographicOperations.ZeroMemory(hash);
        return value;
    }

    public override string ToString() => "CommitmentValue(redacted)";

    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_scalar);
        _disposed = true;
    }
}
