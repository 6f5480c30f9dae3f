using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Grains;

/// <summary>
/// A job's result challenges, kept by nobody until used: a challenge is its expiry, random bytes and a MAC over both
/// and the job id under a key of this activation, so issuing one stores nothing and no number of requests can push
/// out the requester's. A challenge is used up once a requester's signature over it has been accepted; only those
/// are remembered, until they expire. A challenge outlives neither its lifetime nor the activation that issued it.
/// </summary>
internal sealed class ResultChallenges(string jobId, TimeSpan lifetime)
{
    private const int ExpirySize = sizeof(long);
    private const int RandomSize = 8;
    private const int MacSize = ResultChallenge.Size - ExpirySize - RandomSize;

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly byte[] _jobId = Encoding.UTF8.GetBytes(jobId);
    private readonly Dictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    public ResultChallenge Issue(DateTimeOffset now)
    {
        var expiresAt = now + lifetime;
        var nonce = new byte[ResultChallenge.Size];
        BinaryPrimitives.WriteInt64BigEndian(nonce, expiresAt.ToUnixTimeMilliseconds());
        RandomNumberGenerator.Fill(nonce.AsSpan(ExpirySize, RandomSize));
        Mac(nonce.AsSpan(0, ExpirySize + RandomSize), nonce.AsSpan(ExpirySize + RandomSize));
        return new ResultChallenge(nonce, DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(nonce)));
    }

    /// <summary>Whether <paramref name="nonce"/> was issued here, has not expired and has not been used.</summary>
    public bool IsOpen(ReadOnlySpan<byte> nonce, DateTimeOffset now)
    {
        if (nonce.Length != ResultChallenge.Size)
        {
            return false;
        }
        Span<byte> expected = stackalloc byte[MacSize];
        Mac(nonce[..(ExpirySize + RandomSize)], expected);
        return CryptographicOperations.FixedTimeEquals(expected, nonce[(ExpirySize + RandomSize)..])
            && ExpiryOf(nonce) > now
            && !_used.ContainsKey(Convert.ToHexString(nonce));
    }

    /// <summary>Uses an open challenge up (the caller checked it and the requester's signature over it).</summary>
    public void Use(ReadOnlySpan<byte> nonce, DateTimeOffset now)
    {
        foreach (var expired in _used.Where(pair => pair.Value <= now).Select(pair => pair.Key).ToList())
        {
            _used.Remove(expired);
        }
        _used[Convert.ToHexString(nonce)] = ExpiryOf(nonce);
    }

    private static DateTimeOffset ExpiryOf(ReadOnlySpan<byte> nonce) =>
        DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(
            BinaryPrimitives.ReadInt64BigEndian(nonce), 0, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));

    private void Mac(ReadOnlySpan<byte> issued, Span<byte> destination)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, [.. _jobId, 0, .. issued], mac);
        mac[..MacSize].CopyTo(destination);
    }
}
