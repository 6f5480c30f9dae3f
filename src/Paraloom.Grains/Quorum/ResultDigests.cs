using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Paraloom.Compute;
using Paraloom.Compute.Execution;

namespace Paraloom.Grains;

/// <summary>
/// The digest a cohort votes on, in compute's canonical encoding
/// <c>SHA-256("paraloom/compute-result/v1" ‖ status:u8 ‖ code:u32le ‖ len:u64le ‖ output)</c>, where the
/// output of a private job is its sealed output. For a public job it equals <see cref="ExecutionResult.Digest"/>;
/// for a private one it reveals nothing about the plaintext. Computed here because votes carry the output
/// and every receiver must be able to check it against the signed digest.
/// </summary>
public static class ResultDigests
{
    private static readonly byte[] DomainTag = Encoding.ASCII.GetBytes("paraloom/compute-result/v1");

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
        return ResultDigest.FromBytes(hash.GetHashAndReset());
    }

    /// <summary>The status code compute puts in the digest: the trap or ABI error, or 0.</summary>
    public static uint CodeOf(ExecutionResult result) => result.Status switch
    {
        ExecutionStatus.Trap => (uint)result.Trap!.Value,
        ExecutionStatus.AbiError => (uint)result.AbiError!.Value,
        _ => 0,
    };
}
