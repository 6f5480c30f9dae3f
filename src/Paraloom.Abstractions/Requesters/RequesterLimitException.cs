using Orleans;

namespace Paraloom.Grains;

/// <summary>
/// A requester is at one of its limits (jobs in progress, jobs waiting for a cohort, open watches, stored bytes):
/// 429 with <see cref="Error"/> on both transports. Nothing was stored. The message is fit to show the requester.
/// </summary>
[GenerateSerializer, Alias("paraloom.requester-limit-exception")]
public sealed class RequesterLimitException : Exception
{
    public RequesterLimitException(string error, string message)
        : base(message) =>
        Error = error;

    public const string TooManyJobs = "too-many-jobs";
    public const string TooManyQueuedJobs = "too-many-queued-jobs";
    public const string TooManyWatches = "too-many-watches";
    public const string StorageQuotaExceeded = "storage-quota-exceeded";

    /// <summary>Short, stable, kebab-case: one of the constants above.</summary>
    [Id(0)]
    public string Error { get; }
}
