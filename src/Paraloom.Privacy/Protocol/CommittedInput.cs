using System.Security.Cryptography;

namespace Paraloom.Privacy.Protocol;

/// <summary>
/// What a private job's sealed input holds: <c>version (1) ‖ blinding (32) ‖ data</c>. The ownership proof shows
/// that the requester knows an opening of the input commitment, not that the sealed bytes are that opening; the
/// blinding travels inside the AEAD so that each cohort member, once it has decrypted the input, checks that the
/// commitment opens to exactly this data before it runs anything.
/// </summary>
public static class CommittedInput
{
    private const byte Version = 1;
    private const int HeaderSize = 1 + Blinding.Size;

    /// <summary>How many bytes a sealed input is longer than its data.</summary>
    public const int Overhead = HeaderSize + Aead.Overhead;

    /// <summary>
    /// Seals <paramref name="data"/> with the blinding of the job's input commitment. The caller commits with the
    /// same blinding (<see cref="PrivateJobInput.Seal"/> does both).
    /// </summary>
    public static SealedInput Seal(JobKey key, JobBinding job, Blinding blinding, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(blinding);
        var plaintext = new byte[HeaderSize + data.Length];
        try
        {
            plaintext[0] = Version;
            var blindingBytes = blinding.ExportBytes();
            blindingBytes.CopyTo(plaintext.AsSpan(1));
            CryptographicOperations.ZeroMemory(blindingBytes);
            data.CopyTo(plaintext.AsSpan(HeaderSize));
            return SealedInput.Seal(key, job, plaintext);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>Decrypts the input and returns its data once the job's input commitment is shown to open to it.</summary>
    /// <exception cref="AuthenticationFailedException">The input does not decrypt under this key for this job.</exception>
    /// <exception cref="InvalidEncodingException">The plaintext is not a committed input.</exception>
    /// <exception cref="InputCommitmentMismatchException">The commitment does not commit to the sealed data.</exception>
    public static byte[] Open(SealedInput sealedInput, JobKey key, JobBinding job)
    {
        ArgumentNullException.ThrowIfNull(sealedInput);
        ArgumentNullException.ThrowIfNull(job);
        var plaintext = sealedInput.Open(key, job);
        try
        {
            if (plaintext.Length < HeaderSize || plaintext[0] != Version)
            {
                throw new InvalidEncodingException("A sealed input holds a version 1 header, the commitment's blinding and the data.");
            }
            using var blinding = Blinding.FromBytes(plaintext.AsSpan(1, Blinding.Size));
            var data = plaintext.AsSpan(HeaderSize);
            using var value = CommitmentValue.OfData(data);
            if (!job.InputCommitment.Opens(value, blinding))
            {
                throw new InputCommitmentMismatchException(job.JobId);
            }
            return data.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
