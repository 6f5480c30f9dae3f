using System.Security.Cryptography;
using System.Text;
using Paraloom.Privacy.Curve;

namespace Paraloom.Privacy;

/// <summary>
/// Hands a job key to one cohort member (ECIES on secp256k1): an ephemeral key pair, ECDH with the
/// validator's public key, HKDF-SHA256 over the shared x coordinate (salted with both public keys) to an
/// AES-256-GCM key and nonce, and the job binding as associated data so a wrapped key cannot be replayed
/// into another job.
/// </summary>
public static class KeyWrap
{
    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("paraloom/key-wrap/v1");
    private const string What = "wrapped job key";

    public static WrappedJobKey Wrap(JobKey key, PublicKey validator, JobBinding job)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(job);
        using SecretKey ephemeral = SecretKey.Generate();
        ReadOnlySpan<byte> ephemeralPublic = ephemeral.PublicKey.AsSpan();
        Span<byte> derived = stackalloc byte[Aead.KeySize + Aead.NonceSize];
        try
        {
            DeriveWrappingKey(ephemeral.Scalar, validator.Point, ephemeralPublic, validator.AsSpan(), derived);
            byte[] envelope = Aead.Seal(derived[..Aead.KeySize], derived[Aead.KeySize..], key.Key, AssociatedData(job));
            return WrappedJobKey.FromParts(ephemeralPublic, envelope);
        }
        finally
        {
            derived.Clear();
        }
    }

    /// <summary>The job key, or <see cref="AuthenticationFailedException"/> for any wrong key, job or byte.</summary>
    public static JobKey Unwrap(WrappedJobKey wrapped, SecretKey validator, JobBinding job)
    {
        ArgumentNullException.ThrowIfNull(wrapped);
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(job);
        ReadOnlySpan<byte> bytes = wrapped.AsSpan();
        if (bytes.Length != PublicKey.Size + Aead.Overhead + JobKey.Size) throw new AuthenticationFailedException(What);
        ReadOnlySpan<byte> ephemeralPublic = bytes[..PublicKey.Size];
        if (!Secp256k1.TryLiftX(ephemeralPublic, out AffinePoint ephemeralPoint)) throw new AuthenticationFailedException(What);

        Span<byte> derived = stackalloc byte[Aead.KeySize + Aead.NonceSize];
        byte[]? plaintext = null;
        try
        {
            DeriveWrappingKey(validator.Scalar, ephemeralPoint, ephemeralPublic, validator.PublicKey.AsSpan(), derived);
            plaintext = Aead.Open(derived[..Aead.KeySize], bytes[PublicKey.Size..], AssociatedData(job), What);
            return JobKey.FromUnwrapped(plaintext);
        }
        finally
        {
            derived.Clear();
            if (plaintext is not null) CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>
    /// HKDF over x(secret·point), multiplied in constant time. Only x is used, and x is the same for ±point
    /// and ±secret, so x-only keys (which drop the sign of y) agree on both sides.
    /// </summary>
    private static void DeriveWrappingKey(in Scalar secret, in AffinePoint point, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> validatorPublic, Span<byte> output)
    {
        // A non-zero secret times a point of prime order is never the identity.
        if (!ConstantTimeMultiplier.Multiply(secret, point).TryToAffine(out AffinePoint shared))
            throw new InvalidOperationException("The shared point is the point at infinity.");
        Span<byte> sharedX = stackalloc byte[Secp256k1.XOnlySize];
        Span<byte> salt = stackalloc byte[2 * PublicKey.Size];
        try
        {
            Secp256k1.WriteXOnly(shared, sharedX);
            ephemeralPublic.CopyTo(salt);
            validatorPublic.CopyTo(salt[PublicKey.Size..]);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedX, output, salt, Domain);
        }
        finally
        {
            sharedX.Clear();
        }
    }

    private static byte[] AssociatedData(JobBinding job) => [.. Domain, .. job.Encoded];
}
