using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Privacy;

/// <summary>
/// A job's private input under AES-256-GCM with the job key and a random nonce chosen here. The associated
/// data is the <see cref="JobBinding"/>, so the ciphertext opens only for the job, module, commitment and
/// requester it was sealed for.
/// </summary>
public sealed class SealedInput
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("paraloom/sealed-input/v1");

    private readonly byte[] _envelope;

    private SealedInput(byte[] envelope) => _envelope = envelope;

    public static SealedInput Seal(JobKey key, JobBinding job, ReadOnlySpan<byte> plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(job);
        Span<byte> nonce = stackalloc byte[Aead.NonceSize];
        RandomNumberGenerator.Fill(nonce);
        return new SealedInput(Aead.Seal(key.Key, nonce, plaintext, AssociatedData(job)));
    }

    /// <summary>The plaintext, or <see cref="AuthenticationFailedException"/> — never partial plaintext.</summary>
    public byte[] Open(JobKey key, JobBinding job)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(job);
        return Aead.Open(key.Key, _envelope, AssociatedData(job), "sealed input");
    }

    /// <summary>Wraps received bytes as they are; <see cref="Open"/> authenticates all of them.</summary>
    public static SealedInput FromBytes(ReadOnlySpan<byte> bytes) => new(bytes.ToArray());

    public byte[] ToBytes() => (byte[])_envelope.Clone();

    public int Length => _envelope.Length;

    public override string ToString() => $"SealedInput({_envelope.Length} bytes)";

    private static byte[] AssociatedData(JobBinding job) => [.. Domain, .. job.Encoded];
}
