using System.Security.Cryptography;
using Paraloom.Privacy;

namespace Paraloom.Client.Protocol;

/// <summary>
/// The public facts a private job's ciphertexts and proofs are bound to, on the requester's side: what it
/// needs, with its secret key, to seal the input, hand out the job key and open the output.
/// </summary>
internal sealed class JobContext
{
    /// <summary>The purpose the silo checks a submission's ownership proof against.</summary>
    public const string OwnershipPurpose = "paraloom/submit-job/v1";

    public JobContext(string jobId, ReadOnlySpan<byte> moduleHash, PedersenCommitment inputCommitment, PublicKey requester, JobNonce nonce)
    {
        Binding = new JobBinding(jobId, moduleHash, inputCommitment, requester);
        Nonce = nonce;
    }

    public JobBinding Binding { get; }

    public JobNonce Nonce { get; }

    public static JobContext ForModule(string jobId, ReadOnlySpan<byte> module, PedersenCommitment inputCommitment, PublicKey requester, JobNonce nonce) =>
        new(jobId, SHA256.HashData(module), inputCommitment, requester, nonce);

    public OwnershipContext OwnershipContext => new(Binding, OwnershipPurpose);

    /// <exception cref="ArgumentException">The secret key is not the job requester's.</exception>
    public JobKey DeriveKey(SecretKey requester)
    {
        if (!requester.PublicKey.Equals(Binding.Requester))
        {
            throw new ArgumentException("The secret key is not the requester's key for this job.", nameof(requester));
        }
        return JobKey.Derive(requester, Nonce);
    }
}
