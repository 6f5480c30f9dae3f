namespace Paraloom.Actors.Hosting;

/// <summary>Option checks run when the runtime starts, so a bad setting fails the host with a clear message.</summary>
internal static class Validation
{
    public const string CollectionMessage =
        "GrainCollectionOptions: CollectionAge, CollectionQuantum and DeactivationTimeout must be positive.";

    public const string MessagingMessage = "MessagingOptions: ResponseTimeout must be positive or Timeout.InfiniteTimeSpan.";

    public const string ReminderMessage = "ReminderOptions: MinimumReminderPeriod and RefreshReminderListPeriod must be positive.";

    public static bool IsValid(GrainCollectionOptions options) =>
        options.CollectionAge > TimeSpan.Zero && options.CollectionQuantum > TimeSpan.Zero && options.DeactivationTimeout > TimeSpan.Zero;

    public static bool IsValid(MessagingOptions options) =>
        options.ResponseTimeout > TimeSpan.Zero || options.ResponseTimeout == Timeout.InfiniteTimeSpan;

    public static bool IsValid(ReminderOptions options) =>
        options.MinimumReminderPeriod > TimeSpan.Zero && options.RefreshReminderListPeriod > TimeSpan.Zero;
}
