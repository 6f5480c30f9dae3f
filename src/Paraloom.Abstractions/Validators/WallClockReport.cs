using Orleans;
using Paraloom.Compute.Agreement;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// A cohort member's report that its execution of the attempt hit the job's wall-clock limit: a reply without a vote.
/// When every member reports it the job is at fault (it runs longer than its own limit allows), not its validators. The
/// member signs it (<see cref="WallClockClaim"/>, over the attempt's statement and cohort and its profile), so a
/// rejection for the wall clock is certified by the reports themselves.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.wall-clock-report")]
public sealed record WallClockReport(
    [property: Id(0)] string JobId, [property: Id(1)] int Attempt, [property: Id(2)] string ValidatorId, [property: Id(3)] string Profile,
    [property: Id(4)] SchnorrSignature Signature)
{
    /// <summary>Signs the report of <paramref name="subject"/>'s attempt with the validator's own key.</summary>
    public static WallClockReport Sign(SecretKey key, VoteSubject subject, string validatorId, string profile)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(subject);
        return new WallClockReport(subject.JobId, subject.Attempt, validatorId, profile, key.Sign(ClaimOf(subject, profile).Hash()));
    }

    /// <summary>What the signature is over, for the attempt <paramref name="subject"/> names.</summary>
    public static WallClockClaim ClaimOf(VoteSubject subject, string profile)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return new WallClockClaim(subject.StatementHash, subject.Attempt, subject.CohortHash, profile);
    }
}
