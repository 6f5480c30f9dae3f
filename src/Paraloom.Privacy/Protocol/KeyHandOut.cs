using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Privacy.Protocol;

/// <summary>
/// The signed key hand-out. Each private job has a <em>hand-out key</em> of its own: a secp256k1 key derived from the
/// requester's secret key and the job's nonce (HKDF, its own label), so the requester can always re-derive it and
/// nobody else (not a cohort member, who learns the job key) can. At submission the requester declares its public
/// half and signs the delegation <c>TaggedHash("paraloom/hand-out-key/v1", len(job id):u16be ‖ job id ‖ hand-out key)</c>;
/// every hand-out is then a BIP-340 signature under the hand-out key over
/// <c>TaggedHash("paraloom/key-hand-out/v1", len(job id):u16be ‖ job id ‖ attempt:u32be ‖ count:u16be ‖
/// (len(validator id):u16be ‖ validator id ‖ len(wrapped key):u16be ‖ wrapped key)*)</c>, members in ordinal order
/// of their ids. A client that keeps a job's hand-out key (next to its job key) can hand out keys to every cohort
/// without keeping the requester's secret, and that key signs nothing but this job's hand-outs.
/// </summary>
public static class KeyHandOut
{
    private static readonly byte[] DelegationTag = SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/hand-out-key/v1"));
    private static readonly byte[] HandOutTag = SHA256.HashData(Encoding.ASCII.GetBytes("paraloom/key-hand-out/v1"));
    private static readonly byte[] DerivationInfo = Encoding.ASCII.GetBytes("paraloom/hand-out-key/v1");

    /// <summary>The job's hand-out key: only the requester's secret key derives it.</summary>
    public static SecretKey DeriveSigningKey(SecretKey requester, JobNonce nonce)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(nonce);
        Span<byte> secret = stackalloc byte[32];
        try
        {
            HKDF.DeriveKey(HashAlgorithmName.SHA256, requester.Secret, secret, nonce.AsSpan(), DerivationInfo);
            // Out of the scalar range with probability about 2^-128: HKDF output is taken as is.
            return SecretKey.FromBytes(secret);
        }
        finally
        {
            secret.Clear();
        }
    }

    public static byte[] DelegationMessage(string jobId, PublicKey handOutKey)
    {
        ArgumentNullException.ThrowIfNull(handOutKey);
        using var hash = Tagged(DelegationTag, jobId);
        hash.AppendData(handOutKey.ToBytes());
        return hash.GetHashAndReset();
    }

    /// <summary>The requester's signature declaring <paramref name="handOutKey"/> the one that hands out this job's key.</summary>
    public static SchnorrSignature Delegate(SecretKey requester, string jobId, PublicKey handOutKey)
    {
        ArgumentNullException.ThrowIfNull(requester);
        return requester.Sign(DelegationMessage(jobId, handOutKey));
    }

    public static bool VerifyDelegation(PublicKey requester, string jobId, PublicKey handOutKey, SchnorrSignature delegation)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(delegation);
        return requester.Verify(DelegationMessage(jobId, handOutKey), delegation);
    }

    public static byte[] Message(string jobId, int attempt, IReadOnlyDictionary<string, WrappedJobKey> wrappedKeys)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        ArgumentNullException.ThrowIfNull(wrappedKeys);
        using var hash = Tagged(HandOutTag, jobId);
        Span<byte> number = stackalloc byte[sizeof(uint)];
        BinaryPrimitives.WriteUInt32BigEndian(number, (uint)attempt);
        hash.AppendData(number);
        BinaryPrimitives.WriteUInt16BigEndian(number, checked((ushort)wrappedKeys.Count));
        hash.AppendData(number[..sizeof(ushort)]);
        foreach (var (validatorId, wrapped) in wrappedKeys.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            ArgumentNullException.ThrowIfNull(wrapped);
            AppendWithLength(hash, Encoding.UTF8.GetBytes(validatorId));
            AppendWithLength(hash, wrapped.ToBytes());
        }
        return hash.GetHashAndReset();
    }

    /// <summary>Signs a hand-out with the job's hand-out key.</summary>
    public static SchnorrSignature Sign(SecretKey handOutKey, string jobId, int attempt, IReadOnlyDictionary<string, WrappedJobKey> wrappedKeys)
    {
        ArgumentNullException.ThrowIfNull(handOutKey);
        return handOutKey.Sign(Message(jobId, attempt, wrappedKeys));
    }

    public static bool Verify(
        PublicKey handOutKey, string jobId, int attempt, IReadOnlyDictionary<string, WrappedJobKey> wrappedKeys, SchnorrSignature signature)
    {
        ArgumentNullException.ThrowIfNull(handOutKey);
        ArgumentNullException.ThrowIfNull(signature);
        return handOutKey.Verify(Message(jobId, attempt, wrappedKeys), signature);
    }

    private static IncrementalHash Tagged(byte[] tag, string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(tag);
        hash.AppendData(tag);
        AppendWithLength(hash, Encoding.UTF8.GetBytes(jobId));
        return hash;
    }

    private static void AppendWithLength(IncrementalHash hash, byte[] data)
    {
        Span<byte> length = stackalloc byte[sizeof(ushort)];
        BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)data.Length));
        hash.AppendData(length);
        hash.AppendData(data);
    }
}
