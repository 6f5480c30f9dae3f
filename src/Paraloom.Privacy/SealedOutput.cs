namespace Paraloom.Privacy;

/// <summary>
/// A job's output sealed by <see cref="OutputSealer"/>. Deterministic: every honest executor of the same
/// job and attempt produces these exact bytes, so the cohort can vote on their digest.
/// </summary>
public sealed class SealedOutput
{
    private readonly byte[] _envelope;

    internal SealedOutput(byte[] envelope) => _envelope = envelope;

    /// <summary>Wraps received bytes as they are; <see cref="OutputSealer.Open"/> authenticates all of them.</summary>
    public static SealedOutput FromBytes(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    public byte[] ToBytes() => (byte[])_envelope.Clone();

    internal ReadOnlySpan<byte> AsSpan() => _envelope;

    public int Length => _envelope.Length;

    public override string ToString() => $"SealedOutput({_envelope.Length} bytes)";
}
