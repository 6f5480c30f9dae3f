namespace Paraloom.Privacy;

/// <summary>
/// A job key encrypted to one validator by <see cref="KeyWrap.Wrap"/>: the ephemeral x-only public key
/// followed by the AES-GCM envelope of the key.
/// </summary>
public sealed class WrappedJobKey
{
    private readonly byte[] _bytes;

    private WrappedJobKey(byte[] bytes) => _bytes = bytes;

    internal static WrappedJobKey FromParts(ReadOnlySpan<byte> ephemeralPublicKey, ReadOnlySpan<byte> envelope) =>
        new([.. ephemeralPublicKey, .. envelope]);

    /// <summary>Wraps received bytes as they are; <see cref="KeyWrap.Unwrap"/> authenticates all of them.</summary>
    public static WrappedJobKey FromBytes(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    public byte[] ToBytes() => (byte[])_bytes.Clone();

    internal ReadOnlySpan<byte> AsSpan() => _bytes;

    public override string ToString() => $"WrappedJobKey({_bytes.Length} bytes)";
}
