using Paraloom.Actors.Tests.Support;

namespace Paraloom.Actors.Tests.Grains;

public interface IReminderGrain : IGrainWithStringKey
{
    Task Remind(string name, int dueMilliseconds, int periodMilliseconds);

    Task Forget(string name);

    Task<IReadOnlyList<string>> ReminderNames();

    Task<bool> Has(string name);
}

public interface IPlainGrain : IGrainWithStringKey
{
    Task TryRegisterReminder();
}

/// <summary>Logs "tick key name" for every reminder tick it receives.</summary>
public sealed class ReminderGrain(LifecycleLog log) : Grain, IReminderGrain, IRemindable
{
    public Task Remind(string name, int dueMilliseconds, int periodMilliseconds) =>
        RegisterOrUpdateReminder(name, TimeSpan.FromMilliseconds(dueMilliseconds), TimeSpan.FromMilliseconds(periodMilliseconds));

    public async Task Forget(string name)
    {
        if (await GetReminder(name) is { } reminder)
        {
            await UnregisterReminder(reminder);
        }
    }

    public async Task<IReadOnlyList<string>> ReminderNames() => (await GetReminders()).Select(r => r.ReminderName).Order().ToList();

    public async Task<bool> Has(string name) => await GetReminder(name) is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        log.Add($"tick {this.GetPrimaryKeyString()} {reminderName}");
        return Task.CompletedTask;
    }
}

public sealed class PlainGrain : Grain, IPlainGrain
{
    public Task TryRegisterReminder() => RegisterOrUpdateReminder("r", TimeSpan.Zero, TimeSpan.FromMinutes(1));
}
