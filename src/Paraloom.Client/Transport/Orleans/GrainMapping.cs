using Paraloom.Compute;
using Paraloom.Grains;
using GrainJobResult = Paraloom.Grains.JobResult;

namespace Paraloom.Client.Transport.Orleans;

/// <summary>The SDK's types to and from the grain contracts (Paraloom.Abstractions).</summary>
internal static class GrainMapping
{
    public static JobSubmission ToSubmission(Job job) => job.SealedInput is { } sealedInput
        ? JobSubmission.Confidential(job.Module, job.Requester, sealedInput, ToResourceLimits(job.Limits), job.Replication)
        : JobSubmission.Public(job.Module, job.PublicInput, job.Requester, ToResourceLimits(job.Limits), job.Replication);

    public static JobProgress ToProgress(JobStatus status) => new()
    {
        JobId = status.JobId,
        State = Enum.Parse<JobState>(status.State.ToString()),
        IsPrivate = status.IsPrivate,
        Requester = status.Requester,
        Attempt = status.Attempt,
        Cohort = status.Cohort,
        VotesReceived = status.VotesReceived,
        Threshold = status.Threshold,
        Elapsed = status.Elapsed,
        AwaitingKeys = status.AwaitingKeys,
        Digest = status.Digest?.ToString(),
        Reason = status.Reason,
        Profile = status.Profile,
        Version = status.Version,
        Context = status.Privacy,
    };

    public static Client.JobResult ToResult(GrainJobResult result) => new(
        result.JobId, result.Attempt, Enum.Parse<ResultStatus>(result.Status.ToString()), result.Code,
        result.Trap?.ToString() ?? result.AbiError?.ToString(), result.Output.ToArray(), result.Digest.ToString(), result.FuelUsed,
        result.Fee, result.Privacy);

    public static ValidatorStatus ToValidator(ValidatorInfo validator) => new(
        validator.ValidatorId, validator.SiloId, validator.PublicKey, validator.Capacity, validator.InFlight, validator.Reputation);

    /// <summary>The limits the job asks for, the network's defaults where it asks for none (as the HTTP API fills them in).</summary>
    private static ResourceLimits ToResourceLimits(JobLimits limits)
    {
        var defaults = ResourceLimits.Default;
        return new ResourceLimits
        {
            MemoryBytes = limits.MemoryBytes ?? defaults.MemoryBytes,
            Fuel = limits.Fuel ?? defaults.Fuel,
            WallClock = limits.WallClock ?? defaults.WallClock,
            DistributionTimeout = limits.DistributionTimeout ?? defaults.DistributionTimeout,
            MaxOutputBytes = limits.MaxOutputBytes ?? defaults.MaxOutputBytes,
        };
    }
}
