using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Paraloom.Compute;

/// <summary>A SHA-256 digest of an execution result: the value a cohort votes and agrees on.</summary>
[JsonConverter(typeof(ResultDigestJsonConverter))]
public sealed class ResultDigest : IEquatable<ResultDigest>
{
    public const int Length = SHA256.HashSizeInBytes;

    private readonly byte[] _bytes;

    private ResultDigest(byte[] bytes) => _bytes = bytes;

    public static ResultDigest FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == Length
            ? new ResultDigest(bytes.ToArray())
            : throw new ArgumentException($"A result digest is {Length} bytes, not {bytes.Length}.", nameof(bytes));

    public static ResultDigest Parse(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        if (hex.Length != Length * 2)
        {
            throw new FormatException($"A result digest is {Length * 2} hexadecimal characters.");
        }
        return new ResultDigest(Convert.FromHexString(hex));
    }

    internal static ResultDigest Sha256(ReadOnlySpan<byte> data) => new(SHA256.HashData(data));

    internal static ResultDigest Wrap(byte[] bytes) => new(bytes);

    public ReadOnlySpan<byte> AsSpan() => _bytes;

    public bool Equals(ResultDigest? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as ResultDigest);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    /// <summary>Lower-case hex: a digest reveals nothing about the result, so it may be shown anywhere.</summary>
    public override string ToString() => Convert.ToHexStringLower(_bytes);

    public static bool operator ==(ResultDigest? left, ResultDigest? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(ResultDigest? left, ResultDigest? right) => !(left == right);
}

internal sealed class ResultDigestJsonConverter : JsonConverter<ResultDigest>
{
    public override ResultDigest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return ResultDigest.Parse(reader.GetString() ?? "");
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, ResultDigest value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
