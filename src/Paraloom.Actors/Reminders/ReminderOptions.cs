namespace Paraloom.Actors;

/// <summary>Reminder service settings.</summary>
public sealed class ReminderOptions
{
    /// <summary>The shortest period a reminder may have (reminders are for coarse, durable schedules).</summary>
    public TimeSpan MinimumReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the reminder table is re-read to pick up rows written by someone else.</summary>
    public TimeSpan RefreshReminderListPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
