using Paraloom.Actors.Storage;

namespace Paraloom.Actors;

/// <summary>A reminder table in process memory, for tests: reminders last as long as this object.</summary>
public sealed class InMemoryReminderTable : IReminderTable
{
    private readonly Dictionary<(GrainId, string), ReminderEntry> _rows = [];
    private readonly Lock _lock = new();
    private long _version;

    public Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.ToList());
        }
    }

    public Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ReminderEntry>>(_rows.Values.Where(row => row.GrainId == grainId).ToList());
        }
    }

    public Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_rows.GetValueOrDefault((grainId, reminderName)));
        }
    }

    public Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            var eTag = ETagCheck.Format(++_version);
            _rows[(entry.GrainId, entry.ReminderName)] = entry with { ETag = eTag };
            return Task.FromResult(eTag);
        }
    }

    public Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var matches = _rows.TryGetValue((grainId, reminderName), out var row) && row.ETag == eTag;
            return Task.FromResult(matches && _rows.Remove((grainId, reminderName)));
        }
    }
}
