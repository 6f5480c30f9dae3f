using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Paraloom.Privacy.Native;

namespace Paraloom.Privacy;

/// <summary>
/// Hands a job key to one cohort member (ECIES on secp256k1): an ephemeral key pair, ECDH with the
/// validator's public key, HKDF-SHA256 over the shared x coordinate (salted with both public keys) to an
/// AES-256-GCM key and nonce, and the job binding as associated data so a wrapped key cannot be replayed
/// into another job.
/// </summary>
public static unsafe class KeyWrap
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
            DeriveWrappingKey(ephemeral.Secret, validator.Point, ephemeralPublic, validator.AsSpan(), derived);
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
        if (!CurvePoint.TryLiftX(ephemeralPublic, out CurvePoint ephemeralPoint)) throw new AuthenticationFailedException(What);

        Span<byte> derived = stackalloc byte[Aead.KeySize + Aead.NonceSize];
        byte[]? plaintext = null;
        try
        {
            DeriveWrappingKey(validator.Secret, ephemeralPoint, ephemeralPublic, validator.PublicKey.AsSpan(), derived);
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
    /// HKDF over x(secret·point), by libsecp256k1's ECDH (a constant-time multiplication) with a hash function
    /// that hands back x as it is. Only x is used, and x is the same for ±point and ±secret, so x-only keys
    /// (which drop the sign of y) agree on both sides.
    /// </summary>
    private static void DeriveWrappingKey(ReadOnlySpan<byte> secret, in CurvePoint point, ReadOnlySpan<byte> ephemeralPublic, ReadOnlySpan<byte> validatorPublic, Span<byte> output)
    {
        Span<byte> sharedX = stackalloc byte[CurvePoint.XOnlySize];
        Span<byte> salt = stackalloc byte[2 * PublicKey.Size];
        CurvePoint pointCopy = point;
        try
        {
            fixed (byte* x = sharedX)
            fixed (byte* p = (Span<byte>)pointCopy)
            fixed (byte* s = secret)
            {
                // A valid secret times a point of prime order is never the identity.
                if (LibSecp256k1.Ecdh(Secp256k1Context.Handle, x, p, s, &CopyX, null) != 1)
                    throw new InvalidOperationException("libsecp256k1 rejected an ECDH input.");
            }
            ephemeralPublic.CopyTo(salt);
            validatorPublic.CopyTo(salt[PublicKey.Size..]);
            HKDF.DeriveKey(HashAlgorithmName.SHA256, sharedX, output, salt, Domain);
        }
        finally
        {
            sharedX.Clear();
        }
    }

    /// <summary>secp256k1_ecdh's hash function: the shared point's x coordinate, unhashed (HKDF follows).</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CopyX(byte* output, byte* x32, byte* y32, void* data)
    {
        Buffer.MemoryCopy(x32, output, CurvePoint.XOnlySize, CurvePoint.XOnlySize);
        return 1;
    }

    private static byte[] AssociatedData(JobBinding job) => [.. Domain, .. job.Encoded];
}
