namespace Paraloom.Privacy;

/// <summary>Hex text for public values, failing with <see cref="InvalidEncodingException"/>.</summary>
internal static class Hex
{
    public static string Encode(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static byte[] Decode(string? hex, int expectedLength, string what)
    {
        if (hex is null || hex.Length != expectedLength * 2)
            throw new InvalidEncodingException($"A {what} is {expectedLength * 2} hex characters.");
        var bytes = new byte[expectedLength];
        if (Convert.FromHexString(hex, bytes, out _, out _) != System.Buffers.OperationStatus.Done)
            throw new InvalidEncodingException($"A {what} must contain only hex digits.");
        return bytes;
    }

    /// <summary>Decodes into caller-owned (possibly pinned) memory so secret bytes leave no stray copy.</summary>
    public static void DecodeInto(ReadOnlySpan<byte> utf8Hex, Span<byte> destination, string what)
    {
        if (utf8Hex.Length != destination.Length * 2)
            throw new InvalidEncodingException($"A {what} is {destination.Length * 2} hex characters.");
        if (Convert.FromHexString(utf8Hex, destination, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            destination.Clear();
            throw new InvalidEncodingException($"A {what} must contain only hex digits.");
        }
    }
}
