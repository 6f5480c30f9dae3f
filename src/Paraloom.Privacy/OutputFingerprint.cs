using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Privacy;

/// <summary>
/// A keyed fingerprint of a private job's plaintext output that is the same in every attempt:
/// <c>HMAC-SHA256(HKDF-SHA256(job key, info = "paraloom/output-fingerprint/v1" ‖ job binding), output)</c>.
/// A sealed output is bound to its attempt, so sealed bytes never compare across attempts; the fingerprint lets
/// the quorum of a failed attempt learn which of its members signed the output a later cohort agreed on. Without
/// the job key nobody can test a guess of the output against it: it shows only whether two outputs are equal.
/// </summary>
public static class OutputFingerprint
{
    public const int Size = HMACSHA256.HashSizeInBytes;

    private static readonly byte[] Domain = Encoding.ASCII.GetBytes("paraloom/output-fingerprint/v1");

    public static byte[] Compute(JobKey key, JobBinding job, ReadOnlySpan<byte> output)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(job);
        var info = new byte[Domain.Length + job.Encoded.Length];
        Domain.CopyTo(info, 0);
        job.Encoded.CopyTo(info.AsSpan(Domain.Length));
        Span<byte> macKey = stackalloc byte[Size];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, key.Key, macKey, salt: [], info);
            return HMACSHA256.HashData(macKey, output);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(macKey);
        }
    }
}
