using Microsoft.Extensions.Logging;

namespace Paraloom.Actors.Runtime;

/// <summary>
/// One live instance of a grain and its turn-based scheduling. Calls queue here; a call that may not
/// interleave starts only when no other turn is in progress, and a turn lasts until the call's task
/// completes (awaits inside it keep the turn). Requests that arrive while the activation deactivates are
/// handed back to the runtime, which delivers them to a fresh activation once this one is gone.
/// </summary>
internal sealed partial class GrainActivation
{
    [ThreadStatic]
    private static GrainActivation? s_beingConstructed;

    private readonly ActorRuntime _runtime;
    private readonly ActivationTaskScheduler _scheduler = new();
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _deactivated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly Queue<ActivationWorkItem> _waitingExclusive = new();
    private readonly Queue<ActivationWorkItem> _waitingInterleaving = new();
    private ActivationStatus _status = ActivationStatus.Activating;
    private DeactivationReason? _deactivationRequest;
    private int _running;
    private long _lastActivity;
    private Grain? _grain;

    public GrainActivation(ActorRuntime runtime, GrainId grainId, GrainClassInfo grainClass)
    {
        _runtime = runtime;
        GrainId = grainId;
        GrainClass = grainClass;
        _lastActivity = runtime.TimeProvider.GetTimestamp();
    }

    private enum ActivationStatus
    {
        Activating,
        Valid,
        Deactivating,
        Deactivated,
    }

    /// <summary>The activation whose grain constructor is running on this thread (read by <see cref="Grain"/>'s constructor).</summary>
    public static GrainActivation? BeingConstructed => s_beingConstructed;

    public GrainId GrainId { get; }

    public GrainClassInfo GrainClass { get; }

    public IServiceProvider Services => _runtime.Services;

    public IGrainFactory GrainFactory => _runtime.GrainFactory;

    public ReminderService? Reminders => _runtime.Reminders;

    public ILogger Logger => _runtime.ActivationLogger;

    public ActorMetrics Metrics => _runtime.Metrics;

    /// <summary>Completes when the activation has left the runtime (deactivated, failed to activate or aborted).</summary>
    public Task Deactivated => _deactivated.Task;

    public void Start() => RunOnActivation(ActivateAsync);

    /// <summary>Queues <paramref name="item"/>; false when the activation is gone and the caller must find a new one.</summary>
    public bool TryEnqueue(ActivationWorkItem item)
    {
        lock (_lock)
        {
            if (_status == ActivationStatus.Deactivated)
            {
                return false;
            }

            var mayInterleave = item.MayInterleave(GrainClass);
            if (_status != ActivationStatus.Valid || _deactivationRequest is not null)
            {
                (mayInterleave ? _waitingInterleaving : _waitingExclusive).Enqueue(item);
            }
            else if (mayInterleave || (_running == 0 && _waitingExclusive.Count == 0))
            {
                StartTurn(item);
            }
            else
            {
                _waitingExclusive.Enqueue(item);
            }

            return true;
        }
    }

    /// <summary>Deactivates once no turn is in progress; the first request wins.</summary>
    public void RequestDeactivation(DeactivationReason reason)
    {
        lock (_lock)
        {
            if (_deactivationRequest is not null || _status is ActivationStatus.Deactivating or ActivationStatus.Deactivated)
            {
                return;
            }

            _deactivationRequest = reason;
            Pump();
        }
    }

    /// <summary>Starts deactivation if nothing ran or waited for at least <paramref name="collectionAge"/>.</summary>
    public void CollectIfIdle(TimeSpan collectionAge)
    {
        lock (_lock)
        {
            var idle = _status == ActivationStatus.Valid && _running == 0 && _waitingExclusive.Count == 0
                && _runtime.TimeProvider.GetElapsedTime(_lastActivity) >= collectionAge;
            if (idle)
            {
                RequestDeactivation(new DeactivationReason(DeactivationReasonCode.ActivationIdle, $"idle for at least {collectionAge}"));
            }
        }
    }

    public IGrainTimer RegisterTimer(Func<CancellationToken, Task> callback, GrainTimerCreationOptions options) =>
        new GrainTimer(this, callback, options, _runtime.TimeProvider, _lifetime.Token);

    /// <summary>Drops the activation without running <see cref="Grain.OnDeactivateAsync"/>: what a crash does.</summary>
    public void Abort()
    {
        List<ActivationWorkItem> dropped;
        bool wasLive;
        lock (_lock)
        {
            if (_status == ActivationStatus.Deactivated)
            {
                return;
            }

            wasLive = _status is ActivationStatus.Valid or ActivationStatus.Deactivating;
            _status = ActivationStatus.Deactivated;
            dropped = DrainWaiting();
        }

        if (wasLive)
        {
            _runtime.Metrics.ActivationRemoved(GrainClass.GrainType);
        }

        _lifetime.Cancel();
        var stopped = new SiloUnavailableException("The actor runtime was stopped abruptly.");
        dropped.ForEach(item => item.Fail(stopped));
        _deactivated.TrySetResult();
    }

    private async Task ActivateAsync()
    {
        try
        {
            var (grain, states) = GrainActivator.Create(this);
            _grain = grain;
            foreach (var state in states)
            {
                await state.ReadStateAsync();
            }

            await grain.OnActivateAsync(_lifetime.Token);
        }
        catch (Exception exception)
        {
            LogActivationFailed(Logger, exception, GrainId);
            FailActivation(exception);
            return;
        }

        lock (_lock)
        {
            if (_status != ActivationStatus.Activating)
            {
                return;
            }

            _runtime.Metrics.ActivationCreated(GrainClass.GrainType);
            _status = ActivationStatus.Valid;
            _lastActivity = _runtime.TimeProvider.GetTimestamp();
            Pump();
        }
    }

    private void FailActivation(Exception exception)
    {
        _runtime.RemoveActivation(this);
        List<ActivationWorkItem> failed;
        lock (_lock)
        {
            _status = ActivationStatus.Deactivated;
            failed = DrainWaiting();
        }

        _lifetime.Cancel();
        failed.ForEach(item => item.Fail(exception));
        _deactivated.TrySetResult();
    }

    private async Task DeactivateAsync(DeactivationReason reason)
    {
        _lifetime.Cancel();
        var timeout = _runtime.CollectionOptions.DeactivationTimeout;
        using (var cancellation = new CancellationTokenSource(timeout, _runtime.TimeProvider))
        {
            try
            {
                await _grain!.OnDeactivateAsync(reason, cancellation.Token).WaitAsync(timeout, _runtime.TimeProvider);
            }
            catch (Exception exception)
            {
                LogDeactivationFailed(Logger, exception, GrainId, reason.ReasonCode);
            }
        }

        // Leave the catalog before marking the activation gone, so a caller that still finds it here queues
        // its request for forwarding instead of spinning on a dead activation.
        _runtime.RemoveActivation(this);
        List<ActivationWorkItem> forwarded;
        lock (_lock)
        {
            _status = ActivationStatus.Deactivated;
            forwarded = DrainWaiting();
        }

        _runtime.Metrics.ActivationRemoved(GrainClass.GrainType);
        LogDeactivated(Logger, GrainId, reason.ReasonCode);
        _deactivated.TrySetResult();
        foreach (var item in forwarded)
        {
            if (item is GrainRequest request)
            {
                _runtime.Dispatch(request);
            }
            else
            {
                item.Fail(new SiloUnavailableException("The activation was deactivated."));
            }
        }
    }

    // Called under _lock.
    private void Pump()
    {
        if (_status != ActivationStatus.Valid)
        {
            return;
        }

        if (_deactivationRequest is { } reason)
        {
            if (_running == 0)
            {
                _status = ActivationStatus.Deactivating;
                RunOnActivation(() => DeactivateAsync(reason));
            }

            return;
        }

        if (_running == 0 && _waitingExclusive.TryDequeue(out var exclusive))
        {
            StartTurn(exclusive);
        }

        while (_waitingInterleaving.TryDequeue(out var interleaving))
        {
            StartTurn(interleaving);
        }
    }

    // Called under _lock.
    private void StartTurn(ActivationWorkItem item)
    {
        _running++;
        if (item.KeepsAlive)
        {
            _lastActivity = _runtime.TimeProvider.GetTimestamp();
        }

        RunOnActivation(() => RunTurnAsync(item));
    }

    private async Task RunTurnAsync(ActivationWorkItem item)
    {
        try
        {
            await item.ExecuteAsync(this, _grain!);
        }
        finally
        {
            lock (_lock)
            {
                _running--;
                if (item.KeepsAlive)
                {
                    _lastActivity = _runtime.TimeProvider.GetTimestamp();
                }

                Pump();
            }
        }
    }

    private void RunOnActivation(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, _scheduler);

    private List<ActivationWorkItem> DrainWaiting()
    {
        var items = new List<ActivationWorkItem>(_waitingExclusive.Count + _waitingInterleaving.Count);
        items.AddRange(_waitingExclusive);
        items.AddRange(_waitingInterleaving);
        _waitingExclusive.Clear();
        _waitingInterleaving.Clear();
        return items;
    }

    internal static GrainActivation? SwapBeingConstructed(GrainActivation? activation)
    {
        var previous = s_beingConstructed;
        s_beingConstructed = activation;
        return previous;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Activation of grain {GrainId} failed")]
    private static partial void LogActivationFailed(ILogger logger, Exception exception, GrainId grainId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OnDeactivateAsync of grain {GrainId} failed ({Reason})")]
    private static partial void LogDeactivationFailed(ILogger logger, Exception exception, GrainId grainId, DeactivationReasonCode reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain {GrainId} deactivated ({Reason})")]
    private static partial void LogDeactivated(ILogger logger, GrainId grainId, DeactivationReasonCode reason);
}
