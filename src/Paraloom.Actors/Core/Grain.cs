using Paraloom.Actors.Runtime;

namespace Paraloom.Actors;

/// <summary>
/// The base class of grain implementations. The runtime creates instances (constructor parameters come from
/// dependency injection, or are persistent state when marked with <see cref="PersistentStateAttribute"/>);
/// never construct a grain yourself.
/// </summary>
public abstract class Grain : IAddressable
{
    private readonly GrainActivation _activation;

    protected Grain()
    {
        _activation = GrainActivation.BeingConstructed
            ?? throw new InvalidOperationException(
                $"{GetType().Name} is a grain: the runtime creates it. Get a reference with IGrainFactory.GetGrain instead.");
    }

    internal GrainId GrainId => _activation.GrainId;

    /// <summary>The grain's identity, for logs.</summary>
    public string IdentityString => _activation.GrainId.ToString();

    /// <summary>A factory for references to other grains (and to this one).</summary>
    protected IGrainFactory GrainFactory => _activation.GrainFactory;

    /// <summary>The runtime's service provider.</summary>
    protected IServiceProvider ServiceProvider => _activation.Services;

    /// <summary>Runs after persistent state is loaded and before the first call is delivered.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs when the activation is deactivated gracefully. State is not written implicitly.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current call completes; later calls activate it anew.</summary>
    protected void DeactivateOnIdle() =>
        _activation.RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ApplicationRequested, "DeactivateOnIdle was called"));

    /// <summary>Starts a timer whose ticks run as turns of this activation.</summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer(callback, options);
    }

    /// <inheritdoc cref="RegisterGrainTimer(Func{CancellationToken, Task}, GrainTimerCreationOptions)"/>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        RegisterGrainTimer(callback, new GrainTimerCreationOptions(dueTime, period));

    /// <inheritdoc cref="RegisterGrainTimer(Func{CancellationToken, Task}, GrainTimerCreationOptions)"/>
    protected IGrainTimer RegisterGrainTimer<TState>(
        Func<TState, CancellationToken, Task> callback, TState state, GrainTimerCreationOptions options)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return _activation.RegisterTimer(cancellationToken => callback(state, cancellationToken), options);
    }

    /// <summary>
    /// Registers (or reschedules) a durable reminder: the grain's <see cref="IRemindable.ReceiveReminder"/> is
    /// called after <paramref name="dueTime"/> and then every <paramref name="period"/>, across deactivations
    /// and runtime restarts, until it is unregistered.
    /// </summary>
    protected Task<IGrainReminder> RegisterOrUpdateReminder(string reminderName, TimeSpan dueTime, TimeSpan period) =>
        RemindersOf(reminderName).RegisterOrUpdateAsync(GrainId, reminderName, dueTime, period);

    /// <summary>Removes a reminder; removing one that no longer exists does nothing.</summary>
    protected Task UnregisterReminder(IGrainReminder reminder)
    {
        ArgumentNullException.ThrowIfNull(reminder);
        return RemindersOf(reminder.ReminderName).UnregisterAsync(GrainId, reminder.ReminderName);
    }

    /// <summary>Returns the reminder of that name, or null.</summary>
    protected Task<IGrainReminder?> GetReminder(string reminderName) => RemindersOf(reminderName).GetAsync(GrainId, reminderName);

    /// <summary>Returns all reminders of this grain.</summary>
    protected Task<IReadOnlyList<IGrainReminder>> GetReminders() => RemindersOf(null).GetAllAsync(GrainId);

    private ReminderService RemindersOf(string? reminderName)
    {
        if (reminderName is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        }

        if (this is not IRemindable)
        {
            throw new InvalidOperationException($"Grain {IdentityString} must implement IRemindable to use reminders.");
        }

        return _activation.Reminders
            ?? throw new InvalidOperationException(
                "No reminder service is configured: call UseInMemoryReminderService or UseFileReminderService on the silo builder.");
    }
}
