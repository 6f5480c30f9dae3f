namespace Paraloom.Actors;

/// <summary>Implemented by grains that register reminders; the runtime calls it on every reminder tick.</summary>
public interface IRemindable : IGrain
{
    Task ReceiveReminder(string reminderName, TickStatus status);
}
