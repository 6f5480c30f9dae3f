using System.Buffers.Binary;
using System.Text;

namespace Paraloom.Privacy;

/// <summary>
/// What an <see cref="OwnershipProof"/> is bound to: the job and a purpose string (for example "submit"),
/// so a proof made for one job, key or purpose is worthless for any other.
/// </summary>
public sealed class OwnershipContext
{
    public const int MaxPurposeBytes = 128;

    private readonly byte[] _encoded;

    public OwnershipContext(JobBinding job, string purpose)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        byte[] purposeBytes = Encoding.UTF8.GetBytes(purpose);
        if (purposeBytes.Length > MaxPurposeBytes)
            throw new ArgumentException($"A purpose is at most {MaxPurposeBytes} UTF-8 bytes.", nameof(purpose));

        Job = job;
        Purpose = purpose;
        _encoded = new byte[job.Encoded.Length + sizeof(ushort) + purposeBytes.Length];
        job.Encoded.CopyTo(_encoded);
        BinaryPrimitives.WriteUInt16BigEndian(_encoded.AsSpan(job.Encoded.Length), (ushort)purposeBytes.Length);
        purposeBytes.CopyTo(_encoded.AsSpan(job.Encoded.Length + sizeof(ushort)));
    }

    public JobBinding Job { get; }

    public string Purpose { get; }

    internal ReadOnlySpan<byte> Encoded => _encoded;

    public override string ToString() => $"OwnershipContext({Job.JobId}, {Purpose})";
}
