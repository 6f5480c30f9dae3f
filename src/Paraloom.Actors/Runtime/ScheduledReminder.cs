namespace Paraloom.Actors.Runtime;

/// <summary>
/// A reminder row and the next tick to deliver. Ticks are scheduled at StartAt + n × Period; the next tick is the
/// latest scheduled one not yet delivered (fired at once when its time has passed), else the one after it.
/// </summary>
internal sealed class ScheduledReminder
{
    public ScheduledReminder(ReminderEntry entry, DateTime now) => Reschedule(entry, now);

    public ReminderEntry Entry { get; private set; } = null!;

    /// <summary>The scheduled time of the tick to deliver next (recorded as LastTickAt once delivered).</summary>
    public DateTime Tick { get; private set; }

    /// <summary>When to deliver it: the tick time, or at once for a missed tick.</summary>
    public DateTime DueAt { get; private set; }

    public bool IsDelivering { get; set; }

    public void Reschedule(ReminderEntry entry, DateTime now)
    {
        Entry = entry;
        if (now < entry.StartAt)
        {
            (Tick, DueAt) = (entry.StartAt, entry.StartAt);
            return;
        }

        var elapsedPeriods = (now - entry.StartAt).Ticks / entry.Period.Ticks;
        var latest = entry.StartAt.AddTicks(elapsedPeriods * entry.Period.Ticks);
        if (entry.LastTickAt is null || entry.LastTickAt < latest)
        {
            (Tick, DueAt) = (latest, now);
            return;
        }

        (Tick, DueAt) = (latest + entry.Period, latest + entry.Period);
    }
}
