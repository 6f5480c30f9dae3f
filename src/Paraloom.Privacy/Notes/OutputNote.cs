using System.Security.Cryptography;
using System.Text;
using Paraloom.Privacy.Native;

namespace Paraloom.Privacy.Notes;

/// <summary>
/// A private job's output note, computed the same way by every honest cohort member and by the requester:
/// <c>C = v·G + r·H</c>, where v is an 8-byte output's little-endian u64 (an amount note) or the tagged hash of any
/// other output (a data note), and <c>r = int(HKDF(job key, info = "paraloom/note-blinding/v1" ‖ job binding)) mod n</c>.
/// The blinding comes from the job key, so the point is deterministic for the cohort and only holders of the job key —
/// the requester, the cohort, and whoever the requester gives the opening — can open it (docs/cryptography.md §13).
/// </summary>
public static class OutputNote
{
    /// <summary>The output length read as an amount.</summary>
    public const int AmountSize = sizeof(ulong);

    private static readonly byte[] BlindingDomain = Encoding.ASCII.GetBytes("paraloom/note-blinding/v1");

    /// <summary>The note of <paramref name="output"/>: what a cohort member signs in its vote.</summary>
    public static NoteCommitment Commit(JobKey key, JobBinding job, ReadOnlySpan<byte> output)
    {
        using var opening = Open(key, job, output);
        return opening.Commit();
    }

    /// <summary>The opening of <paramref name="output"/>'s note: its kind, value and the blinding derived from the job key.</summary>
    public static NoteOpening Open(JobKey key, JobBinding job, ReadOnlySpan<byte> output)
    {
        var blinding = DeriveBlinding(key, job);
        return output.Length == AmountSize
            ? NoteOpening.OfAmount(System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(output), blinding)
            : NoteOpening.OfData(output, blinding);
    }

    /// <summary><c>int(HKDF(job key, salt = empty, info = "paraloom/note-blinding/v1" ‖ binding, 32)) mod n</c>.</summary>
    public static Blinding DeriveBlinding(JobKey key, JobBinding job)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(job);
        byte[] info = [.. BlindingDomain, .. job.Encoded];
        Span<byte> derived = stackalloc byte[Blinding.Size];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Key, derived, salt: [], info);
            ScalarMath.Reduce(derived, derived);
            return Blinding.FromBytes(derived);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(derived);
        }
    }
}
