using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Privacy.Protocol;

/// <summary>
/// What a requester signs to fetch a result: the BIP-340 tagged hash
/// <c>TaggedHash("paraloom/result-authorisation/v1", len(job id):u16be ‖ job id ‖ challenge)</c>. The tag keeps
/// the signature from being valid for anything else; the service's fresh challenge makes it single-use.
/// </summary>
public static class ResultAuthorization
{
    private static readonly byte[] TagHash = SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/result-authorisation/v1"));

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

    /// <summary>The requester's signature authorising it to fetch the result of <paramref name="jobId"/>.</summary>
    public static SchnorrSignature Sign(SecretKey requester, string jobId, ReadOnlySpan<byte> challenge)
    {
        ArgumentNullException.ThrowIfNull(requester);
        return requester.Sign(Message(jobId, challenge));
    }

    /// <summary>Whether <paramref name="signature"/> is <paramref name="requester"/>'s over this job and challenge.</summary>
    public static bool Verify(PublicKey requester, string jobId, ReadOnlySpan<byte> challenge, SchnorrSignature signature)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(signature);
        return requester.Verify(Message(jobId, challenge), signature);
    }
}
