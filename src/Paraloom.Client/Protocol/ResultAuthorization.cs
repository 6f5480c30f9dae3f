using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Paraloom.Privacy;

namespace Paraloom.Client.Protocol;

/// <summary>
/// The requester's signature authorising it to fetch a result: BIP-340 over the tagged hash
/// <c>TaggedHash("paraloom/result-authorisation/v1", len(job id):u16be ‖ job id ‖ challenge)</c>, which the silo checks.
/// </summary>
internal static class ResultAuthorization
{
    private static readonly byte[] TagHash = SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/result-authorisation/v1"));

    public static SchnorrSignature Sign(SecretKey requester, string jobId, ReadOnlySpan<byte> challenge)
    {
        var id = Encoding.UTF8.GetBytes(jobId);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(TagHash);
        hash.AppendData(TagHash);
        Span<byte> length = stackalloc byte[sizeof(ushort)];
        BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)id.Length));
        hash.AppendData(length);
        hash.AppendData(id);
        hash.AppendData(challenge);
        return requester.Sign(hash.GetHashAndReset());
    }
}
