using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// The public facts a private job's ciphertexts and proofs are bound to, as the service shows them to the
/// requester: enough, with the requester's secret key, to re-derive the job key and hand it out or open the output.
/// </summary>
public sealed class PrivateJobContext
{
    /// <summary>The purpose an ownership proof of a submission is bound to.</summary>
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
    public IReadOnlyDictionary<string, WrappedJobKey> WrapKeyFor(SecretKey requester, IEnumerable<CohortMember> cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        using var key = DeriveKey(requester);
        return cohort.ToDictionary(member => member.ValidatorId, member => KeyWrap.Wrap(key, member.PublicKey, Binding), StringComparer.Ordinal);
    }

    public override string ToString() => $"PrivateJobContext({JobId})";
}
