using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>Builds a final job's receipt from its statement, the decided attempt's cohort and the votes that agreed.</summary>
internal static class ReceiptAssembly
{
    /// <summary>
    /// The receipt's canonical bytes; null for a cohort stored before cohorts carried certificates, whose votes no
    /// requester could check.
    /// </summary>
    public static byte[]? Build(SignedJobStatement statement, int attempt, string profile, IReadOnlyList<StoredMember> cohort, AgreedResult agreed)
    {
        if (cohort.Any(member => member.Certificate is null))
        {
            return null;
        }
        var certificates = cohort.ToDictionary(
            member => member.ValidatorId, member => ValidatorCertificate.FromBytes(member.Certificate), StringComparer.Ordinal);
        var votes = agreed.Votes
            .Select(vote => new ReceiptVote(certificates[vote.ValidatorId], SchnorrSignature.FromBytes(vote.Signature)))
            .ToList();
        return new JobReceipt(
            statement, attempt, profile, [.. cohort.Select(member => member.ValidatorId)], agreed.Status, agreed.Code, agreed.Digest,
            agreed.OutputFingerprint, agreed.FuelUsed, votes, agreed.Note).ToBytes();
    }
}
