using System.Security.Cryptography;

namespace Paraloom.Privacy.Protocol;

/// <summary>
/// The public facts a private job's ciphertexts and proofs are bound to (job id, module hash, input commitment,
/// requester) and the job key's public salt. With the requester's secret key they re-derive the job key, to hand
/// it out to a cohort or open the output; the service checks ownership proofs against <see cref="OwnershipContext"/>.
/// </summary>
public sealed class PrivateJobContext
{
    /// <summary>The purpose a submission's ownership proof is bound to.</summary>
    public const string OwnershipPurpose = "paraloom/submit-job/v1";

    private readonly byte[] _moduleHash;

    public PrivateJobContext(
        string jobId, ReadOnlySpan<byte> moduleHash, PedersenCommitment inputCommitment, PublicKey requester, JobNonce nonce)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        _moduleHash = moduleHash.ToArray();
        Binding = new JobBinding(jobId, _moduleHash, inputCommitment, requester);
        Nonce = nonce;
    }

    /// <summary>The context of a job whose module is <paramref name="module"/> (hashed here).</summary>
    public static PrivateJobContext ForModule(
        string jobId, ReadOnlySpan<byte> module, PedersenCommitment inputCommitment, PublicKey requester, JobNonce nonce) =>
        new(jobId, SHA256.HashData(module), inputCommitment, requester, nonce);

    public string JobId => Binding.JobId;

    /// <summary>SHA-256 of the module.</summary>
    public ReadOnlyMemory<byte> ModuleHash => _moduleHash;

    public PedersenCommitment InputCommitment => Binding.InputCommitment;

    public PublicKey Requester => Binding.Requester;

    /// <summary>The salt of the job key (public).</summary>
    public JobNonce Nonce { get; }

    public JobBinding Binding { get; }

    /// <summary>What the submission's ownership proof must verify against.</summary>
    public OwnershipContext OwnershipContext => new(Binding, OwnershipPurpose);

    /// <summary>Re-derives the job key; only the requester's secret key gives the right one.</summary>
    /// <exception cref="ArgumentException">The secret key is not the requester's.</exception>
    public JobKey DeriveKey(SecretKey requester)
    {
        ArgumentNullException.ThrowIfNull(requester);
        if (!requester.PublicKey.Equals(Requester))
        {
            throw new ArgumentException("The secret key is not the job requester's.", nameof(requester));
        }
        return JobKey.Derive(requester, Nonce);
    }

    /// <summary>The requester's key hand-out: the job key wrapped to each member of <paramref name="cohort"/>.</summary>
    /// <exception cref="ArgumentException">The secret key is not the requester's.</exception>
    public IReadOnlyDictionary<string, WrappedJobKey> WrapKeyFor(SecretKey requester, IEnumerable<CohortMember> cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        using var key = DeriveKey(requester);
        return WrapKeyFor(key, cohort);
    }

    /// <summary>
    /// The key hand-out from a job key already derived (<see cref="DeriveKey"/>, or kept since the input was
    /// sealed). A key that is not this job's wraps fine but opens nothing: every member will refuse the job.
    /// </summary>
    public IReadOnlyDictionary<string, WrappedJobKey> WrapKeyFor(JobKey jobKey, IEnumerable<CohortMember> cohort)
    {
        ArgumentNullException.ThrowIfNull(jobKey);
        ArgumentNullException.ThrowIfNull(cohort);
        return cohort.ToDictionary(member => member.ValidatorId, member => KeyWrap.Wrap(jobKey, member.PublicKey, Binding), StringComparer.Ordinal);
    }

    /// <summary>The signed hand-out of the job key to <paramref name="cohort"/>, the cohort of <paramref name="attempt"/>.</summary>
    /// <exception cref="ArgumentException">The secret key is not the requester's.</exception>
    public SignedKeyHandOut HandOut(SecretKey requester, int attempt, IEnumerable<CohortMember> cohort)
    {
        using var jobKey = DeriveKey(requester);
        using var handOutKey = KeyHandOut.DeriveSigningKey(requester, Nonce);
        return HandOut(jobKey, handOutKey, attempt, cohort);
    }

    /// <summary>
    /// The signed hand-out from the keys a client kept since it sealed the input: the job key and the job's hand-out
    /// key (<see cref="KeyHandOut.DeriveSigningKey"/>), so the requester's secret need not be kept.
    /// </summary>
    public SignedKeyHandOut HandOut(JobKey jobKey, SecretKey handOutKey, int attempt, IEnumerable<CohortMember> cohort)
    {
        var wrapped = WrapKeyFor(jobKey, cohort);
        return new SignedKeyHandOut(attempt, wrapped, KeyHandOut.Sign(handOutKey, JobId, attempt, wrapped));
    }

    /// <summary>Opens the output the cohort of <paramref name="attempt"/> sealed.</summary>
    /// <exception cref="ArgumentException">The secret key is not the requester's.</exception>
    /// <exception cref="AuthenticationFailedException">The output was not sealed for this job and attempt, or was altered.</exception>
    public byte[] OpenOutput(SecretKey requester, int attempt, SealedOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var key = DeriveKey(requester);
        return OutputSealer.Open(key, Binding, attempt, output);
    }

    public override string ToString() => $"PrivateJobContext({JobId})";
}
