using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Client;

/// <summary>
/// With a pinned network key, the client wraps a job key only to a cohort whose every member is certified: its
/// certificate verifies under that key now, names the very id and key the status shows, and no revocation the client
/// knows of has taken that key's vote away. A status that swapped a member's key for another (with no certificate, or
/// one of another authority), or kept a revoked member in the cohort, gets nothing wrapped.
/// </summary>
internal static class CohortCertification
{
    /// <exception cref="UnverifiedAnswerException">A member without such a certificate, or a revoked one.</exception>
    public static void Ensure(
        JobProgress status, PublicKey networkKey, IReadOnlyCollection<ValidatorRevocation> revocations, DateTimeOffset now)
    {
        for (var index = 0; index < status.Cohort.Count; index++)
        {
            var member = status.Cohort[index];
            var certificate = index < status.Certificates.Count ? status.Certificates[index] : null;
            var problem = certificate is null ? "the status shows no certificate for it"
                : certificate.ProblemUnder(networkKey, now) is { } invalid ? $"its certificate does not hold: {invalid}"
                : !certificate.ValidatorKey.Equals(member.PublicKey) || certificate.ValidatorId != member.ValidatorId
                    ? "its certificate names another validator key"
                : revocations.Any(revocation => revocation.Revokes(member.PublicKey, networkKey, now))
                    ? "the network authority revoked it"
                    : null;
            if (problem is not null)
            {
                throw new UnverifiedAnswerException(
                    status.JobId, $"cohort member {member.ValidatorId} is not certified by the network key: {problem}; no key was handed out.");
            }
        }
    }
}
