using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Paraloom.Compute;

namespace Paraloom.Grains;

/// <summary>
/// What a validator signs: <c>TaggedHash("paraloom/vote/v1", len(job id) ‖ job id ‖ attempt:u32be ‖ digest ‖ fuel:u64be)</c>.
/// </summary>
public static class VoteMessage
{
    private static readonly byte[] TagHash = SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/vote/v1"));

    public static byte[] Encode(string jobId, int attempt, ResultDigest digest, long fuelUsed)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(digest);
        var id = Encoding.UTF8.GetBytes(jobId);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(TagHash);
        hash.AppendData(TagHash);
        Span<byte> field = stackalloc byte[sizeof(ulong)];
        BinaryPrimitives.WriteUInt16BigEndian(field, checked((ushort)id.Length));
        hash.AppendData(field[..sizeof(ushort)]);
        hash.AppendData(id);
        BinaryPrimitives.WriteInt32BigEndian(field, attempt);
        hash.AppendData(field[..sizeof(int)]);
        hash.AppendData(digest.AsSpan());
        BinaryPrimitives.WriteInt64BigEndian(field, fuelUsed);
        hash.AppendData(field);
        return hash.GetHashAndReset();
    }
}
