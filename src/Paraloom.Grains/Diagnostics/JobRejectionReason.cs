namespace Paraloom.Grains;

/// <summary>Why an accepted job ended rejected, as the bounded codes the metrics, the job's status and the SDK report.</summary>
internal static class JobRejectionReason
{
    /// <summary>The cohorts did not agree within the allowed attempts.</summary>
    public const string Disagreement = "disagreement";

    /// <summary>The requester did not hand out the job key in time.</summary>
    public const string KeyHandOutTimeout = "key-hand-out-timeout";

    /// <summary>The job did not finish within its distribution timeout.</summary>
    public const string DistributionTimeout = "distribution-timeout";

    /// <summary>Every member of a cohort hit the job's own wall-clock limit: the job, not its validators, is at fault.</summary>
    public const string WallClockLimit = "wall-clock-limit";

    /// <summary>Every member of a cohort refused the job (its proof, key or input).</summary>
    public const string RefusedByCohort = "refused-by-cohort";

    public static IReadOnlyList<string> All { get; } = [Disagreement, KeyHandOutTimeout, DistributionTimeout, WallClockLimit, RefusedByCohort];
}
