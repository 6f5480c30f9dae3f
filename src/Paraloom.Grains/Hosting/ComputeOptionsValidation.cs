namespace Paraloom.Grains;

/// <summary>Checked when the host starts, so a bad setting fails it with a clear message.</summary>
internal static class ComputeOptionsValidation
{
    public const string Message =
        "ComputeOptions: NetworkAuthority is required (Paraloom:Network:AuthorityKey for a silo: the public key of the network " +
        "authority whose certificates admit validators; `paraloom network init` prints it, localnet sets it itself); KeyHandOutTimeout, AttemptGrace, DeadlineCheckPeriod, ResultChallengeLifetime and ReputationRecoveryPeriod must be positive; " +
        "RequesterLimits' Jobs, Watches and StoredBytes must be at least 1 and QueuedJobs not negative; Fees.NewcomerCredits must not be negative; " +
        "LocalValidators needs a SiloId, a KeyFilePrefix, a Count of zero or more and a positive Capacity, and Count × Capacity " +
        "may not exceed what the validators' shared Scheduler admits (ConcurrentExecutions + QueueCapacity): work the " +
        "registry assigns within their capacity would otherwise be turned away as busy.";

    public static bool IsValid(ComputeOptions options) =>
        options.NetworkAuthority is not null
        && options.KeyHandOutTimeout > TimeSpan.Zero && options.AttemptGrace > TimeSpan.Zero
        && options.DeadlineCheckPeriod > TimeSpan.Zero && options.ResultChallengeLifetime > TimeSpan.Zero
        && options.ReputationRecoveryPeriod > TimeSpan.Zero && options.RequesterLimits is { IsValid: true }
        && options.Caps is not null && options.Agreement is not null && options.Selection is not null && options.Fees is { IsValid: true }
        && options.LocalValidators is { Count: >= 0, Capacity: > 0 } validators
        && !string.IsNullOrWhiteSpace(validators.SiloId) && !string.IsNullOrWhiteSpace(validators.KeyFilePrefix)
        && validators.Scheduler is not null
        && (long)validators.Count * validators.Capacity <= validators.Scheduler.ConcurrentExecutions + validators.Scheduler.QueueCapacity;
}
