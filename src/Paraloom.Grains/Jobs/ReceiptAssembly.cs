using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// Builds a final job's receipt from its statement, the decided attempt's cohort and the votes that agreed, and a rejected
/// job's from the signed claims of the attempts that certify why.
/// </summary>
internal static class ReceiptAssembly
{
    /// <summary>
    /// The receipt's canonical bytes; null for a cohort stored before cohorts carried certificates, whose votes no
    /// requester could check.
    /// </summary>
    public static byte[]? Build(SignedJobStatement statement, int attempt, string profile, IReadOnlyList<StoredMember> cohort, AgreedResult agreed)
    {
        if (Certificates(cohort) is not { } certificates)
        {
            return null;
        }
        var votes = agreed.Votes
            .Select(vote => new ReceiptVote(certificates[vote.ValidatorId], SchnorrSignature.FromBytes(vote.Signature)))
            .ToList();
        return new JobReceipt(
            statement, attempt, profile, [.. cohort.Select(member => member.ValidatorId)], agreed.Status, agreed.Code, agreed.Digest,
            agreed.OutputFingerprint, agreed.FuelUsed, votes, agreed.Note).ToBytes();
    }

    /// <summary>
    /// A failed attempt as a rejection rests on it: its cohort, profile and members' signed claims; null when the attempt
    /// certified nothing (<paramref name="evidence"/> null) or its cohort was stored before cohorts carried certificates.
    /// </summary>
    public static RejectedAttempt? FailedAttempt(
        int attempt, string profile, IReadOnlyList<StoredMember> cohort, IReadOnlyList<FailedAttemptClaim>? evidence)
    {
        if (evidence is null || Certificates(cohort) is not { } certificates)
        {
            return null;
        }
        return new RejectedAttempt(attempt, profile, [.. cohort.Select(member => member.ValidatorId)], [.. evidence.Select(claim =>
            new RejectionEntry(certificates[claim.ValidatorId], SchnorrSignature.FromBytes(claim.Signature), claim.Ballot))]);
    }

    /// <summary>
    /// The rejection receipt's canonical bytes when it verifies under the network's authority and agreement, so a requester
    /// is never shown a receipt it would refuse; null otherwise (the rejection stays the service's word).
    /// </summary>
    public static byte[]? Rejection(
        SignedJobStatement statement, CertifiedRejectionReason reason, IReadOnlyList<RejectedAttempt> attempts, PublicKey? authority,
        AgreementOptions agreement)
    {
        if (authority is null || attempts.Count == 0)
        {
            return null;
        }
        var receipt = new RejectionReceipt(statement, reason, attempts);
        return receipt.ProblemUnder(authority, agreement: agreement) is null ? receipt.ToBytes() : null;
    }

    private static Dictionary<string, ValidatorCertificate>? Certificates(IReadOnlyList<StoredMember> cohort) =>
        cohort.Any(member => member.Certificate is null)
            ? null
            : cohort.ToDictionary(member => member.ValidatorId, member => ValidatorCertificate.FromBytes(member.Certificate), StringComparer.Ordinal);
}
