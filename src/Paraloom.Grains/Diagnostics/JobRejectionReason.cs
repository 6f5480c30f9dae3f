namespace Paraloom.Grains;

/// <summary>Why an accepted job ended rejected, as the bounded codes the metrics report.</summary>
internal static class JobRejectionReason
{
    /// <summary>The cohorts did not agree within the allowed attempts.</summary>
    public const string Disagreement = "disagreement";

    /// <summary>The requester did not hand out the job key in time.</summary>
    public const string KeyHandOutTimeout = "key-hand-out-timeout";

    /// <summary>The job did not finish within its distribution timeout.</summary>
    public const string DistributionTimeout = "distribution-timeout";
}
