namespace Paraloom.Actors;

/// <summary>Durable storage of reminders.</summary>
public interface IReminderTable
{
    Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default);

    Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces the row (its ETag is ignored) and returns the new ETag.</summary>
    Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Removes the row if its ETag still equals <paramref name="eTag"/>; returns whether it did.</summary>
    Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default);
}
