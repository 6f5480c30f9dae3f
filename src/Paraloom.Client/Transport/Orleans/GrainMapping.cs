using Paraloom.Compute;
using Paraloom.Grains;
using GrainJobResult = Paraloom.Grains.JobResult;

namespace Paraloom.Client.Transport.Orleans;

/// <summary>The SDK's types to and from the grain contracts (Paraloom.Abstractions).</summary>
internal static class GrainMapping
{
    public static JobSubmission ToSubmission(Job job) => job.SealedInput is { } sealedInput
        ? JobSubmission.Confidential(job.Statement, job.Module, sealedInput)
        : JobSubmission.Public(job.Statement, job.Module, job.PublicInput);

    public static JobProgress ToProgress(JobStatus status) => new()
    {
        JobId = status.JobId,
        State = Enum.Parse<JobState>(status.State.ToString()),
        IsPrivate = status.IsPrivate,
        Requester = status.Requester,
        Attempt = status.Attempt,
        Cohort = status.Cohort,
        Certificates = [.. status.Cohort.Select((_, i) => i < status.Certificates.Count ? status.Certificates[i] : null)],
        VotesReceived = status.VotesReceived,
        Threshold = status.Threshold,
        Elapsed = status.Elapsed,
        AwaitingKeys = status.AwaitingKeys,
        Digest = status.Digest?.ToString(),
        Reason = status.Reason,
        RejectionCode = status.RejectionCode,
        Profile = status.Profile,
        Version = status.Version,
        Replication = status.Replication,
        SubmittedAt = status.SubmittedAt,
        AttemptStartedAt = status.AttemptStartedAt,
        FinishedAt = status.FinishedAt,
        FeeHeld = status.FeeHeld,
        Fee = status.Fee,
        Privacy = status.Privacy,
        Statement = status.Statement,
    };

    public static Client.JobResult ToResult(GrainJobResult result) => new(
        result.JobId, result.Attempt, Enum.Parse<ResultStatus>(result.Status.ToString()), result.Code,
        result.Trap?.ToString() ?? result.AbiError?.ToString(), result.Output.ToArray(), result.Digest.ToString(), result.FuelUsed,
        result.Fee, result.Privacy, result.Receipt.ToArray());

    public static Client.Account ToAccount(AccountView account) => new(
        account.Key, account.Credits, account.Held, account.Earned,
        [.. account.History.Select(entry => new Client.AccountEntry(
            Enum.Parse<Client.AccountEntryKind>(entry.Kind.ToString()), entry.Amount, entry.JobId, entry.Attempt, entry.At))]);

    public static ValidatorStatus ToValidator(ValidatorInfo validator) => new(
        validator.ValidatorId, validator.SiloId, validator.PublicKey, validator.Capacity, validator.InFlight, validator.Reputation);
}
