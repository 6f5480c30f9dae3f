using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Paraloom.Compute;

namespace Paraloom.Grains;

/// <summary>
/// What a validator signs: <c>TaggedHash("paraloom/vote/v2", len(job id) ‖ job id ‖ attempt:u32be ‖ digest ‖ fuel:u64be
/// ‖ len(profile) ‖ profile)</c>, lengths u16be, strings UTF-8. The profile is signed so that a vote states the engine
/// and configuration its result came from.
/// </summary>
public static class VoteMessage
{
    private static readonly byte[] TagHash = SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/vote/v2"));

    public static byte[] Encode(string jobId, int attempt, ResultDigest digest, long fuelUsed, string profile)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentException.ThrowIfNullOrEmpty(profile);
        var id = Encoding.UTF8.GetBytes(jobId);
        var profileBytes = Encoding.UTF8.GetBytes(profile);
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
        BinaryPrimitives.WriteUInt16BigEndian(field, checked((ushort)profileBytes.Length));
        hash.AppendData(field[..sizeof(ushort)]);
        hash.AppendData(profileBytes);
        return hash.GetHashAndReset();
    }
}
