using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Privacy;

/// <summary>
/// The 256-bit symmetric key of one job: HKDF-SHA256(requester secret, salt = job nonce,
/// info = "paraloom/job-key/v1"). Only the requester can derive it; validators receive it wrapped to their
/// key (<see cref="KeyWrap"/>). Held in a pinned buffer zeroed on <see cref="Dispose"/>.
/// </summary>
public sealed class JobKey : IDisposable
{
    public const int Size = 32;
    private static readonly byte[] DerivationInfo = Encoding.ASCII.GetBytes("paraloom/job-key/v1");

    private readonly byte[] _key = GC.AllocateArray<byte>(Size, pinned: true);
    private bool _disposed;

    private JobKey()
    {
    }

    /// <summary>A key for a new job, with the fresh nonce to store alongside the job.</summary>
    public static JobKey CreateNew(SecretKey requester, out JobNonce nonce)
    {
        nonce = JobNonce.Generate();
        return Derive(requester, nonce);
    }

    /// <summary>Re-derives the key of an existing job from the requester's secret and the job's nonce.</summary>
    public static JobKey Derive(SecretKey requester, JobNonce nonce)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(nonce);
        var key = new JobKey();
        HKDF.DeriveKey(HashAlgorithmName.SHA256, requester.Secret, key._key, nonce.AsSpan(), DerivationInfo);
        return key;
    }

    internal static JobKey FromUnwrapped(ReadOnlySpan<byte> key)
    {
        var jobKey = new JobKey();
        key.CopyTo(jobKey._key);
        return jobKey;
    }

    internal ReadOnlySpan<byte> Key
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _key;
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_key);
        _disposed = true;
    }

    public override string ToString() => "JobKey(redacted)";
}
