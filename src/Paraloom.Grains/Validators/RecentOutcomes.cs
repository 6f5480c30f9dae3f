using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Grains;

/// <summary>
/// The last <see cref="Capacity"/> reputation outcomes a validator applied, as 8-byte fingerprints of their keys in
/// one fixed-size ring: its stored size and the cost of a lookup do not grow with the jobs before it.
/// </summary>
/// <remarks>
/// An outcome is only ever offered again by the quorum that made it, when it stopped between applying it and storing
/// that it did; it offers it again on its next activation, which the job's deadline checks and the quorum's close
/// reminder bring within the attempt's deadline. Every outcome the validator applies in between takes one slot, so
/// the ring still holds the in-doubt outcome unless <see cref="Capacity"/> others came in that time.
/// </remarks>
internal sealed class RecentOutcomes
{
    /// <summary>How many fingerprints are kept: 4 KiB, over a minute of a busy validator's outcomes.</summary>
    public const int Capacity = 512;

    private const int FingerprintSize = sizeof(ulong);

    /// <summary>The fingerprints: empty until the first outcome, then <see cref="Capacity"/> slots.</summary>
    public byte[] Ring { get; set; } = [];

    /// <summary>The slot the next outcome overwrites.</summary>
    public int Next { get; set; }

    public bool Contains(string outcomeKey)
    {
        var fingerprint = Fingerprint(outcomeKey);
        for (var offset = 0; offset < Ring.Length; offset += FingerprintSize)
        {
            if (BinaryPrimitives.ReadUInt64LittleEndian(Ring.AsSpan(offset)) == fingerprint)
            {
                return true;
            }
        }
        return false;
    }

    public void Add(string outcomeKey)
    {
        if (Ring.Length == 0)
        {
            Ring = new byte[Capacity * FingerprintSize];
        }
        BinaryPrimitives.WriteUInt64LittleEndian(Ring.AsSpan(Next * FingerprintSize), Fingerprint(outcomeKey));
        Next = (Next + 1) % Capacity;
    }

    /// <summary>
    /// Never zero, so an empty slot matches nothing. Two of 512 keys share a fingerprint with a chance near 2^-46;
    /// it would skip one outcome, never apply one twice.
    /// </summary>
    private static ulong Fingerprint(string outcomeKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(outcomeKey), hash);
        return Math.Max(1, BinaryPrimitives.ReadUInt64LittleEndian(hash));
    }
}
