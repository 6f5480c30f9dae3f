namespace Paraloom.Privacy.Protocol;

/// <summary>
/// The private part of a submission: the input's commitment, the input sealed under the job key (with the
/// commitment's blinding, see <see cref="CommittedInput"/>), the nonce the requester derives that key from, and
/// the proof that the requester owns both its key and the input, and the job's hand-out key with the requester's
/// signature delegating the key hand-out to it (see <see cref="KeyHandOut"/>).
/// </summary>
public sealed record PrivateJobInput(
    PedersenCommitment InputCommitment, SealedInput SealedInput, JobNonce Nonce, OwnershipProof OwnershipProof,
    PublicKey HandOutKey, SchnorrSignature HandOutDelegation)
{
    /// <summary>
    /// Prepares a private job on the requester's side: derives a fresh job key, commits to and seals
    /// <paramref name="input"/>, proves ownership for this job id and module, and delegates the job's key hand-out
    /// to its hand-out key.
    /// </summary>
    public static PrivateJobInput Seal(string jobId, ReadOnlySpan<byte> module, ReadOnlySpan<byte> input, SecretKey requester)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(requester);
        using var value = CommitmentValue.OfData(input);
        using var blinding = Blinding.Random();
        var commitment = PedersenCommitment.Commit(value, blinding);
        using var jobKey = JobKey.CreateNew(requester, out var nonce);
        var context = PrivateJobContext.ForModule(jobId, module, commitment, requester.PublicKey, nonce);
        using var handOutKey = KeyHandOut.DeriveSigningKey(requester, nonce);
        return new PrivateJobInput(
            commitment,
            CommittedInput.Seal(jobKey, context.Binding, blinding, input),
            nonce,
            OwnershipProof.Create(requester, value, blinding, context.OwnershipContext),
            handOutKey.PublicKey,
            KeyHandOut.Delegate(requester, jobId, handOutKey.PublicKey));
    }

    public override string ToString() => $"PrivateJobInput({SealedInput.Length} byte sealed input)";
}
