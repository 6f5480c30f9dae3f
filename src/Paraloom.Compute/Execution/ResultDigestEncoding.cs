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
/// A private job's successful result is its sealed output and that output's fingerprint (an attempt-independent,
/// keyed digest of the plaintext), and its digest covers both, so agreeing on it agrees on the fingerprint too:
/// <code>
/// SHA-256( "paraloom/private-result/v1" ‖ status:u8 ‖ code:u32le ‖ output_length:u64le ‖ sealed output ‖ fingerprint )
/// </code>
/// </summary>
public static class ResultDigestEncoding
{
    private static readonly byte[] DomainTag = Encoding.ASCII.GetBytes("paraloom/compute-result/v1");
    private static readonly byte[] PrivateDomainTag = Encoding.ASCII.GetBytes("paraloom/private-result/v1");

    /// <summary>
    /// The digest of a result as a vote claims it: receivers recompute it from the (status, code, output) a vote
    /// carries, so this is the one encoding every party uses.
    /// </summary>
    /// <param name="outputFingerprint">A private job's output fingerprint; <c>null</c> for every other result.</param>
    /// <exception cref="ArgumentException">The status is <see cref="ExecutionStatus.TimedOut"/>, which has no digest.</exception>
    public static ResultDigest Compute(ExecutionStatus status, uint code, ReadOnlySpan<byte> output, ResultDigest? outputFingerprint = null)
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
        hash.AppendData(outputFingerprint is null ? DomainTag : PrivateDomainTag);
        hash.AppendData(header);
        hash.AppendData(output);
        if (outputFingerprint is not null)
        {
            hash.AppendData(outputFingerprint.AsSpan());
        }
        return ResultDigest.Wrap(hash.GetHashAndReset());
    }
}
