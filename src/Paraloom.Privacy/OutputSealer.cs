using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Privacy;

/// <summary>
/// Deterministic output encryption, so all honest executors of one attempt produce identical ciphertext.
/// From the job key, job binding and attempt, HKDF derives an AES-256-GCM key and a nonce key; the nonce
/// is HMAC(nonce key, output) truncated to 12 bytes (a synthetic IV). Identical outputs give identical
/// ciphertexts, and a faulty executor's different output gets a different nonce, so a dissenting result
/// never reuses a GCM nonce under the same key.
/// </summary>
public static class OutputSealer
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("paraloom/sealed-output/v1");
    private const string What = "sealed output";

    public static SealedOutput Seal(JobKey key, JobBinding job, int attempt, ReadOnlySpan<byte> output)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        byte[] associatedData = AssociatedData(job, attempt);
        Span<byte> keys = stackalloc byte[2 * Aead.KeySize];
        Span<byte> nonce = stackalloc byte[Aead.NonceSize];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Key, keys, salt: [], associatedData);
            SyntheticNonce(keys[Aead.KeySize..], output, nonce);
            return new SealedOutput(Aead.Seal(keys[..Aead.KeySize], nonce, output, associatedData));
        }
        finally
        {
            keys.Clear();
        }
    }

    /// <summary>The output, or <see cref="AuthenticationFailedException"/> — never partial plaintext.</summary>
    public static byte[] Open(JobKey key, JobBinding job, int attempt, SealedOutput sealedOutput)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(sealedOutput);
        ArgumentOutOfRangeException.ThrowIfNegative(attempt);
        byte[] associatedData = AssociatedData(job, attempt);
        Span<byte> keys = stackalloc byte[2 * Aead.KeySize];
        Span<byte> nonce = stackalloc byte[Aead.NonceSize];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Key, keys, salt: [], associatedData);
            byte[] output = Aead.Open(keys[..Aead.KeySize], sealedOutput.AsSpan(), associatedData, What);
            // The canonical form is part of the contract: a valid ciphertext under any other nonce is rejected.
            SyntheticNonce(keys[Aead.KeySize..], output, nonce);
            if (!CryptographicOperations.FixedTimeEquals(nonce, Aead.NonceOf(sealedOutput.AsSpan())))
            {
                CryptographicOperations.ZeroMemory(output);
                throw new AuthenticationFailedException(What);
            }
            return output;
        }
        finally
        {
            keys.Clear();
        }
    }

    private static void SyntheticNonce(ReadOnlySpan<byte> nonceKey, ReadOnlySpan<byte> output, Span<byte> nonce)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(nonceKey, output, mac);
        mac[..Aead.NonceSize].CopyTo(nonce);
        // The rest of the MAC never leaves: it is a function of the plaintext output under a secret key.
        mac.Clear();
    }

    private static byte[] AssociatedData(JobBinding job, int attempt)
    {
        var data = new byte[Domain.Length + job.Encoded.Length + sizeof(int)];
        Domain.CopyTo(data, 0);
        job.Encoded.CopyTo(data.AsSpan(Domain.Length));
        BinaryPrimitives.WriteInt32BigEndian(data.AsSpan(Domain.Length + job.Encoded.Length), attempt);
        return data;
    }
}
