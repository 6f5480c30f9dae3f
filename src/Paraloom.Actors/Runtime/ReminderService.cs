using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Paraloom.Actors.Runtime;

/// <summary>
/// Fires durable reminders. It keeps the reminder table's rows in memory, sleeps until the next one is due,
/// delivers <see cref="IRemindable.ReceiveReminder"/> as an ordinary grain call (activating the grain if
/// needed) and records each delivered tick in the table. A tick missed while no runtime ran (or while the
/// previous tick was still being delivered) fires once, as soon as possible, and the schedule continues.
/// </summary>
internal sealed partial class ReminderService
{
    private static readonly GrainMethod ReceiveReminderMethod =
        GrainMethod.Create(typeof(IRemindable).GetMethod(nameof(IRemindable.ReceiveReminder), BindingFlags.Public | BindingFlags.Instance)!);

    private readonly ActorRuntime _runtime;
    private readonly IReminderTable _table;
    private readonly ReminderOptions _options;
    private readonly ILogger _logger;
    private readonly Dictionary<(GrainId, string), ScheduledReminder> _reminders = [];
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _tableGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;

    public ReminderService(ActorRuntime runtime, IReminderTable table, ReminderOptions options, ILogger logger)
    {
        _runtime = runtime;
        _table = table;
        _options = options;
        _logger = logger;
    }

    private DateTime UtcNow => _runtime.TimeProvider.GetUtcNow().UtcDateTime;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _loop;
    }

    public void Abort() => _stop.Cancel();

    public async Task<IGrainReminder> RegisterOrUpdateAsync(GrainId grainId, string reminderName, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "A reminder's due time must be zero or more.");
        }

        if (period < _options.MinimumReminderPeriod)
        {
            throw new ArgumentOutOfRangeException(
                nameof(period), period, $"A reminder's period must be at least {_options.MinimumReminderPeriod} (ReminderOptions.MinimumReminderPeriod).");
        }

        var entry = new ReminderEntry { GrainId = grainId, ReminderName = reminderName, StartAt = UtcNow + dueTime, Period = period };
        await _tableGate.WaitAsync();
        try
        {
            var eTag = await _table.UpsertRowAsync(entry);
            Schedule(entry with { ETag = eTag });
        }
        finally
        {
            _tableGate.Release();
        }

        return new GrainReminder(reminderName);
    }

    public async Task UnregisterAsync(GrainId grainId, string reminderName)
    {
        await _tableGate.WaitAsync();
        try
        {
            var row = await _table.ReadRowAsync(grainId, reminderName);
            if (row?.ETag is { } eTag)
            {
                await _table.RemoveRowAsync(grainId, reminderName, eTag);
            }

            lock (_lock)
            {
                _reminders.Remove((grainId, reminderName));
            }
        }
        finally
        {
            _tableGate.Release();
        }
    }

    public async Task<IGrainReminder?> GetAsync(GrainId grainId, string reminderName) =>
        await _table.ReadRowAsync(grainId, reminderName) is { } row ? new GrainReminder(row.ReminderName) : null;

    public async Task<IReadOnlyList<IGrainReminder>> GetAllAsync(GrainId grainId) =>
        (await _table.ReadRowsAsync(grainId)).Select(row => (IGrainReminder)new GrainReminder(row.ReminderName)).ToList();

    private async Task RunAsync(CancellationToken stop)
    {
        var nextRefresh = UtcNow + _options.RefreshReminderListPeriod;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (UtcNow >= nextRefresh)
                {
                    await RefreshAsync(stop);
                    nextRefresh = UtcNow + _options.RefreshReminderListPeriod;
                }

                var nextDue = FireDueReminders();
                var wakeAt = nextDue < nextRefresh ? nextDue : nextRefresh;
                var delay = wakeAt - UtcNow;
                Task wake;
                lock (_lock)
                {
                    wake = _wake.Task;
                }

                if (delay > TimeSpan.Zero)
                {
                    await Task.WhenAny(wake, Task.Delay(delay, _runtime.TimeProvider, stop));
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // A failing table must not end the service: try again after a refresh period.
                LogRefreshFailed(_logger, exception);
                nextRefresh = UtcNow + _options.RefreshReminderListPeriod;
                await Task.WhenAny(Task.Delay(_options.RefreshReminderListPeriod, _runtime.TimeProvider, stop));
            }
        }
    }

    /// <summary>Starts delivery of every due reminder; returns when the next one is due.</summary>
    private DateTime FireDueReminders()
    {
        var now = UtcNow;
        var nextDue = DateTime.MaxValue;
        lock (_lock)
        {
            _wake = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            foreach (var reminder in _reminders.Values)
            {
                if (reminder.IsDelivering)
                {
                    continue;
                }

                if (reminder.DueAt <= now)
                {
                    reminder.IsDelivering = true;
                    _ = DeliverAsync(reminder, now);
                }
                else if (reminder.DueAt < nextDue)
                {
                    nextDue = reminder.DueAt;
                }
            }
        }

        return nextDue;
    }

    private async Task DeliverAsync(ScheduledReminder reminder, DateTime now)
    {
        var entry = reminder.Entry;
        var delivered = false;
        var grainClass = _runtime.Registry.FindClass(entry.GrainId.Type);
        if (grainClass is null || !grainClass.IsRemindable)
        {
            LogUnknownGrainType(_logger, entry.ReminderName, entry.GrainId);
        }
        else
        {
            var status = new TickStatus(entry.StartAt, entry.Period, now);
            var request = new GrainRequest(entry.GrainId, grainClass, ReceiveReminderMethod, [entry.ReminderName, status]);
            _runtime.Dispatch(request);
            try
            {
                await _runtime.WaitForResponse(request);
                delivered = true;
            }
            catch (SiloUnavailableException)
            {
                // The runtime is going down: leave the tick unrecorded so it fires after the restart.
            }
            catch (Exception exception)
            {
                // As in Orleans, a failing ReceiveReminder does not retry the tick.
                LogDeliveryFailed(_logger, exception, entry.ReminderName, entry.GrainId);
                delivered = true;
            }
        }

        if (delivered)
        {
            await RecordTickAsync(reminder);
        }

        lock (_lock)
        {
            reminder.IsDelivering = false;
            _wake.TrySetResult();
        }
    }

    private async Task RecordTickAsync(ScheduledReminder reminder)
    {
        await _tableGate.WaitAsync();
        try
        {
            lock (_lock)
            {
                // Re-registered or unregistered meanwhile: the new schedule wins.
                if (!_reminders.TryGetValue(Key(reminder.Entry), out var current) || current != reminder)
                {
                    return;
                }
            }

            var ticked = reminder.Entry with { LastTickAt = reminder.Tick };
            var eTag = await _table.UpsertRowAsync(ticked);
            lock (_lock)
            {
                reminder.Reschedule(ticked with { ETag = eTag }, UtcNow);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRecordFailed(_logger, exception, reminder.Entry.ReminderName, reminder.Entry.GrainId);
        }
        finally
        {
            _tableGate.Release();
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _tableGate.WaitAsync(cancellationToken);
        try
        {
            var rows = await _table.ReadAllRowsAsync(cancellationToken);
            var now = UtcNow;
            lock (_lock)
            {
                var seen = new HashSet<(GrainId, string)>();
                foreach (var row in rows)
                {
                    seen.Add(Key(row));
                    if (!_reminders.TryGetValue(Key(row), out var known) || known.Entry.ETag != row.ETag)
                    {
                        _reminders[Key(row)] = new ScheduledReminder(row, now);
                    }
                }

                foreach (var key in _reminders.Keys.Where(key => !seen.Contains(key)).ToList())
                {
                    _reminders.Remove(key);
                }

                _wake.TrySetResult();
            }
        }
        finally
        {
            _tableGate.Release();
        }
    }

    private void Schedule(ReminderEntry entry)
    {
        lock (_lock)
        {
            _reminders[Key(entry)] = new ScheduledReminder(entry, UtcNow);
            _wake.TrySetResult();
        }
    }

    private static (GrainId, string) Key(ReminderEntry entry) => (entry.GrainId, entry.ReminderName);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reading the reminder table failed; retrying later")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId} belongs to no registered IRemindable grain class")]
    private static partial void LogUnknownGrainType(ILogger logger, string reminderName, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reminder {ReminderName} of {GrainId}: ReceiveReminder failed")]
    private static partial void LogDeliveryFailed(ILogger logger, Exception exception, string reminderName, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reminder {ReminderName} of {GrainId}: recording the tick failed")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string reminderName, GrainId grainId);

    private sealed record GrainReminder(string ReminderName) : IGrainReminder;
}
