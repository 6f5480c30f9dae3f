using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Compute.Execution;

/// <summary>
/// The canonical encoding a result digest is computed over (README, "Result digest"):
/// <code>
/// SHA-256( "paraloom/compute-result/v1" ‖ status:u8 ‖ code:u32le ‖ output_length:u64le ‖ output )
/// </code>
/// <c>code</c> is the <see cref="TrapCode"/> for a trap, the <see cref="AbiErrorKind"/> for an ABI error and
/// 0 for success; <c>output</c> is empty unless the status is <see cref="ExecutionStatus.Ok"/>. The domain
/// tag keeps these digests apart from every other SHA-256 in the system; the length prefix makes the
/// encoding unambiguous. Fuel is not in the digest: votes carry it beside the digest.
/// </summary>
public static class ResultDigestEncoding
{
    private static readonly byte[] DomainTag = Encoding.ASCII.GetBytes("paraloom/compute-result/v1");

    /// <summary>
    /// The digest of a result as a vote claims it: receivers recompute it from the (status, code, output) a vote
    /// carries, so this is the one encoding every party uses.
    /// </summary>
    /// <exception cref="ArgumentException">The status is <see cref="ExecutionStatus.TimedOut"/>, which has no digest.</exception>
    public static ResultDigest Compute(ExecutionStatus status, uint code, ReadOnlySpan<byte> output)
    {
        if (status == ExecutionStatus.TimedOut)
        {
            throw new ArgumentException("A timed-out execution has no digest.", nameof(status));
        }
        Span<byte> header = stackalloc byte[1 + sizeof(uint) + sizeof(ulong)];
        header[0] = (byte)status;
        BinaryPrimitives.WriteUInt32LittleEndian(header[1..], code);
        BinaryPrimitives.WriteUInt64LittleEndian(header[5..], (ulong)output.Length);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(DomainTag);
        hash.AppendData(header);
        hash.AppendData(output);
        return ResultDigest.Wrap(hash.GetHashAndReset());
    }
}
