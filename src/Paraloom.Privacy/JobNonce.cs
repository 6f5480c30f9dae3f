using System.Security.Cryptography;

namespace Paraloom.Privacy;

/// <summary>
/// The per-job random salt of the job key. Public: stored with the job so the requester can re-derive the
/// key with <see cref="JobKey.Derive"/>. Only <see cref="JobKey.CreateNew"/> makes new ones.
/// </summary>
public sealed class JobNonce : IEquatable<JobNonce>
{
    public const int Size = 32;

    private readonly byte[] _bytes;

    private JobNonce(byte[] bytes) => _bytes = bytes;

    internal static JobNonce Generate() => new(RandomNumberGenerator.GetBytes(Size));

    public static JobNonce FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new InvalidEncodingException("A job nonce is 32 bytes.");
        return new JobNonce(bytes.ToArray());
    }

    public static JobNonce FromHex(string hex) => new(Hex.Decode(hex, Size, "job nonce"));

    public byte[] ToBytes() => (byte[])_bytes.Clone();

    internal ReadOnlySpan<byte> AsSpan() => _bytes;

    public string ToHex() => Hex.Encode(_bytes);

    public bool Equals(JobNonce? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as JobNonce);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    public override string ToString() => ToHex();
}
