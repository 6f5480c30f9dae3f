using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Compute;

/// <summary>
/// What makes a job private: its input sealed under the job key, the commitment to that input, the
/// requester's public key and the requester's proof that it owns both. Everything here is public:
/// coordinators, storage and validators see only ciphertext, a commitment, a key and a proof.
/// </summary>
public sealed class PrivateEnvelope
{
    /// <summary>The purpose an ownership proof for a job submission is bound to (the protocol's, one for every party).</summary>
    public const string OwnershipPurpose = PrivateJobContext.OwnershipPurpose;

    public PrivateEnvelope(
        SealedInput sealedInput, PedersenCommitment inputCommitment, PublicKey requester, OwnershipProof ownershipProof)
    {
        ArgumentNullException.ThrowIfNull(sealedInput);
        ArgumentNullException.ThrowIfNull(inputCommitment);
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(ownershipProof);
        SealedInput = sealedInput;
        InputCommitment = inputCommitment;
        Requester = requester;
        OwnershipProof = ownershipProof;
    }

    public SealedInput SealedInput { get; }

    public PedersenCommitment InputCommitment { get; }

    public PublicKey Requester { get; }

    public OwnershipProof OwnershipProof { get; }

    /// <summary>The binding every seal, wrapped key and proof of the job is made for.</summary>
    public static JobBinding CreateBinding(JobId jobId, ReadOnlySpan<byte> moduleHash, PedersenCommitment inputCommitment, PublicKey requester)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        return new JobBinding(jobId.Value, moduleHash, inputCommitment, requester);
    }

    /// <summary>The context a requester proves ownership in, for <see cref="OwnershipProof.Create"/>.</summary>
    public static OwnershipContext CreateOwnershipContext(JobBinding binding) => new(binding, OwnershipPurpose);

    internal JobBinding BindingFor(JobSpec job) => CreateBinding(job.Id, job.ModuleHash.Span, InputCommitment, Requester);

    /// <summary>Whether the proof holds for this job's id, module, input commitment and requester.</summary>
    internal bool ProvesOwnershipOf(JobSpec job) => OwnershipProof.Verify(CreateOwnershipContext(BindingFor(job)));

    public override string ToString() => $"PrivateEnvelope({SealedInput.Length} byte sealed input, requester {Requester})";
}
