namespace Paraloom.Actors;

/// <summary>
/// A row of the reminder table. Ticks are due at <see cref="StartAt"/> + n × <see cref="Period"/>;
/// <see cref="LastTickAt"/> records the latest scheduled tick delivered, so a restart knows whether it missed one.
/// </summary>
public sealed record ReminderEntry
{
    public required GrainId GrainId { get; init; }

    public required string ReminderName { get; init; }

    /// <summary>The first tick time (UTC).</summary>
    public required DateTime StartAt { get; init; }

    public required TimeSpan Period { get; init; }

    /// <summary>The scheduled time (UTC) of the latest tick delivered; null before the first.</summary>
    public DateTime? LastTickAt { get; init; }

    /// <summary>The row's version, assigned by the table.</summary>
    public string? ETag { get; init; }
}
