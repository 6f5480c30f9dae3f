using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;

namespace Paraloom.Client;

/// <summary>Checks a note inclusion proof against the job's receipt and its own root before the SDK returns it.</summary>
internal static class NoteProofVerification
{
    /// <summary>
    /// The proof, once its leaf is the note the receipt of <paramref name="jobId"/> carries (the receipt the requester's
    /// statement for this job opens, valid under <paramref name="networkKey"/> when one is pinned) and its path leads from
    /// that leaf to its root at a position below its tree size. The root itself is the service's word.
    /// </summary>
    /// <exception cref="UnverifiedNoteProofException">Any of that fails.</exception>
    public static NoteInclusionProof Verified(NoteInclusionProof proof, string jobId, PublicKey? networkKey, PublicKey requester)
    {
        if (proof.JobId != jobId)
        {
            throw new UnverifiedNoteProofException(jobId, $"it is the proof of job '{proof.JobId}'");
        }
        JobReceipt receipt;
        try
        {
            receipt = JobReceipt.FromBytes(proof.Receipt.Span);
        }
        catch (FormatException malformed)
        {
            throw new UnverifiedNoteProofException(jobId, "its receipt does not parse: " + malformed.Message.TrimEnd('.'));
        }
        var statement = receipt.Statement.Statement;
        if (statement.JobId.Value != jobId || !statement.Requester.Equals(requester))
        {
            throw new UnverifiedNoteProofException(jobId, "its receipt's statement is not the requester's for this job");
        }
        if (networkKey is not null && receipt.ProblemUnder(networkKey) is { } problem)
        {
            throw new UnverifiedNoteProofException(jobId, "its receipt is not valid: " + problem);
        }
        if (!proof.Note.Equals(receipt.Note))
        {
            throw new UnverifiedNoteProofException(jobId, "its leaf is not the note the receipt's votes signed");
        }
        if (!proof.Verifies())
        {
            throw new UnverifiedNoteProofException(jobId, "its path does not lead from the note to its root at a position below its tree size");
        }
        return proof;
    }
}
