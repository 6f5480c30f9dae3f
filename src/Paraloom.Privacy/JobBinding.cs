using System.Buffers.Binary;
using System.Text;

namespace Paraloom.Privacy;

/// <summary>
/// The public facts of one job that its ciphertexts and proofs are bound to: job id, SHA-256 of the WASM
/// module, the input commitment and the requester's key. Changing any of them breaks every seal and proof.
/// </summary>
public sealed class JobBinding
{
    public const int ModuleHashSize = 32;
    public const int MaxJobIdBytes = 256;

    private readonly byte[] _moduleHash;
    private readonly byte[] _encoded;

    public JobBinding(string jobId, ReadOnlySpan<byte> moduleHash, PedersenCommitment inputCommitment, PublicKey requester)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(inputCommitment);
        ArgumentNullException.ThrowIfNull(requester);
        if (moduleHash.Length != ModuleHashSize)
            throw new ArgumentException("The module hash is a 32-byte SHA-256 digest.", nameof(moduleHash));
        byte[] jobIdBytes = Encoding.UTF8.GetBytes(jobId);
        if (jobIdBytes.Length > MaxJobIdBytes)
            throw new ArgumentException($"A job id is at most {MaxJobIdBytes} UTF-8 bytes.", nameof(jobId));

        JobId = jobId;
        _moduleHash = moduleHash.ToArray();
        InputCommitment = inputCommitment;
        Requester = requester;
        _encoded = Encode(jobIdBytes);
    }

    public string JobId { get; }

    public ReadOnlySpan<byte> ModuleHash => _moduleHash;

    public PedersenCommitment InputCommitment { get; }

    public PublicKey Requester { get; }

    /// <summary>Canonical, unambiguous bytes: every variable-length field is length-prefixed.</summary>
    internal ReadOnlySpan<byte> Encoded => _encoded;

    private byte[] Encode(byte[] jobIdBytes)
    {
        var encoded = new byte[sizeof(ushort) + jobIdBytes.Length + ModuleHashSize + PedersenCommitment.Size + PublicKey.Size];
        Span<byte> rest = encoded;
        BinaryPrimitives.WriteUInt16BigEndian(rest, (ushort)jobIdBytes.Length);
        rest = rest[sizeof(ushort)..];
        jobIdBytes.CopyTo(rest);
        rest = rest[jobIdBytes.Length..];
        _moduleHash.CopyTo(rest);
        rest = rest[ModuleHashSize..];
        InputCommitment.AsSpan().CopyTo(rest);
        rest = rest[PedersenCommitment.Size..];
        Requester.AsSpan().CopyTo(rest);
        return encoded;
    }

    public override string ToString() => $"JobBinding({JobId})";
}
