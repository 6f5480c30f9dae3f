using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Privacy.Protocol;

/// <summary>
/// What a requester signs to cancel its job: the BIP-340 tagged hash
/// <c>TaggedHash("paraloom/job-cancel/v1", len(job id):u16be ‖ job id ‖ challenge)</c>, over a fresh challenge of the job
/// (the one a result fetch signs). Its own tag, so a result fetch's signature never cancels a job nor the reverse; the
/// challenge makes it single-use.
/// </summary>
public static class CancelAuthorization
{
    private static readonly byte[] TagHash = SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/job-cancel/v1"));

    public static byte[] Message(string jobId, ReadOnlySpan<byte> challenge)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var id = Encoding.UTF8.GetBytes(jobId);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(TagHash);
        hash.AppendData(TagHash);
        Span<byte> length = stackalloc byte[sizeof(ushort)];
        BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)id.Length));
        hash.AppendData(length);
        hash.AppendData(id);
        hash.AppendData(challenge);
        return hash.GetHashAndReset();
    }

    /// <summary>The requester's signature cancelling <paramref name="jobId"/>.</summary>
    public static SchnorrSignature Sign(SecretKey requester, string jobId, ReadOnlySpan<byte> challenge)
    {
        ArgumentNullException.ThrowIfNull(requester);
        return requester.Sign(Message(jobId, challenge));
    }

    /// <summary>Whether <paramref name="signature"/> is <paramref name="requester"/>'s cancel of this job over this challenge.</summary>
    public static bool Verify(PublicKey requester, string jobId, ReadOnlySpan<byte> challenge, SchnorrSignature signature)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(signature);
        return requester.Verify(Message(jobId, challenge), signature);
    }
}
