using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Paraloom.Actors.Runtime;

/// <summary>
/// The runtime of one silo: the activation table, call dispatch, idle collection and the reminder service.
/// Started and stopped by the hosted service; disposing it without stopping drops everything as a crash would.
/// </summary>
internal sealed partial class ActorRuntime : IAsyncDisposable
{
    private readonly ConcurrentDictionary<GrainId, GrainActivation> _activations = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly ILogger<ActorRuntime> _logger;
    private readonly Lock _statusLock = new();
    private RuntimeStatus _status = RuntimeStatus.Created;
    private Task _collector = Task.CompletedTask;

    public ActorRuntime(
        IServiceProvider services,
        GrainTypeRegistry registry,
        IOptions<GrainCollectionOptions> collectionOptions,
        IOptions<MessagingOptions> messagingOptions,
        ActorMetrics metrics,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        Services = services;
        Registry = registry;
        CollectionOptions = collectionOptions.Value;
        MessagingOptions = messagingOptions.Value;
        Metrics = metrics;
        TimeProvider = timeProvider;
        _logger = loggerFactory.CreateLogger<ActorRuntime>();
        ActivationLogger = loggerFactory.CreateLogger<GrainActivation>();
        GrainFactory = new GrainFactory(this);
        var reminderTable = services.GetService<IReminderTable>();
        if (reminderTable is not null)
        {
            Reminders = new ReminderService(
                this, reminderTable, services.GetRequiredService<IOptions<ReminderOptions>>().Value, loggerFactory.CreateLogger<ReminderService>());
        }
    }

    private enum RuntimeStatus
    {
        Created,
        Running,
        Stopping,
        Stopped,
    }

    public IServiceProvider Services { get; }

    public GrainTypeRegistry Registry { get; }

    public GrainCollectionOptions CollectionOptions { get; }

    public MessagingOptions MessagingOptions { get; }

    public ActorMetrics Metrics { get; }

    public TimeProvider TimeProvider { get; }

    public ILogger ActivationLogger { get; }

    public GrainFactory GrainFactory { get; }

    public ReminderService? Reminders { get; }

    public int ActivationCount => _activations.Count;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ValidateStorageRegistrations();
        lock (_statusLock)
        {
            if (_status != RuntimeStatus.Created)
            {
                throw new InvalidOperationException("The actor runtime can be started once.");
            }

            _status = RuntimeStatus.Running;
        }

        _collector = Task.Run(() => CollectIdleActivationsAsync(_shutdown.Token), CancellationToken.None);
        if (Reminders is not null)
        {
            await Reminders.StartAsync(cancellationToken);
        }

        LogStarted(_logger, Registry.Classes.Count());
    }

    /// <summary>Stops reminders and collection, then deactivates every activation gracefully.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_statusLock)
        {
            if (_status != RuntimeStatus.Running)
            {
                return;
            }

            _status = RuntimeStatus.Stopping;
        }

        if (Reminders is not null)
        {
            await Reminders.StopAsync();
        }

        await _shutdown.CancelAsync();
        await _collector;
        var shuttingDown = new DeactivationReason(DeactivationReasonCode.ShuttingDown, "the runtime is stopping");
        var activations = _activations.Values.ToList();
        activations.ForEach(activation => activation.RequestDeactivation(shuttingDown));
        try
        {
            await Task.WhenAll(activations.Select(activation => activation.Deactivated)).WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_statusLock)
            {
                _status = RuntimeStatus.Stopped;
            }

            // Whatever did not finish in time is dropped, as a crash would.
            foreach (var activation in _activations.Values)
            {
                activation.Abort();
            }

            LogStopped(_logger);
        }
    }

    /// <summary>Drops everything without deactivation callbacks (what a killed process does).</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_statusLock)
        {
            _status = RuntimeStatus.Stopped;
        }

        await _shutdown.CancelAsync();
        Reminders?.Abort();
        foreach (var activation in _activations.Values)
        {
            activation.Abort();
        }

        _activations.Clear();
    }

    /// <summary>Delivers a request to the grain's activation, creating it when there is none.</summary>
    public void Dispatch(GrainRequest request)
    {
        while (true)
        {
            if (!_activations.TryGetValue(request.Target, out var activation))
            {
                if (!IsAcceptingActivations())
                {
                    request.Fail(new SiloUnavailableException(
                        $"The actor runtime is not running; the call to {request.Method.Name} on {request.Target} was not delivered."));
                    return;
                }

                var created = new GrainActivation(this, request.Target, request.GrainClass);
                activation = _activations.GetOrAdd(request.Target, created);
                if (ReferenceEquals(activation, created))
                {
                    created.Start();
                }
            }

            if (activation.TryEnqueue(request))
            {
                return;
            }
        }
    }

    /// <summary>The caller's view of a request: its completion, bounded by the response timeout.</summary>
    public Task<object?> WaitForResponse(GrainRequest request)
    {
        var timeout = MessagingOptions.ResponseTimeout;
        return timeout == Timeout.InfiniteTimeSpan ? request.Completion : WaitWithTimeoutAsync(request, timeout);
    }

    /// <summary>Logs the failure of a one-way call, which has no caller to report it to.</summary>
    public void ObserveOneWay(GrainRequest request) =>
        request.Completion.ContinueWith(
            static (completion, state) =>
            {
                var (runtime, request) = ((ActorRuntime, GrainRequest))state!;
                LogOneWayFailed(runtime._logger, completion.Exception!.InnerException!, request.Method.Name, request.Target);
            },
            (this, request),
            CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    public void RemoveActivation(GrainActivation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, GrainActivation>(activation.GrainId, activation));

    private bool IsAcceptingActivations()
    {
        lock (_statusLock)
        {
            return _status == RuntimeStatus.Running;
        }
    }

    private async Task<object?> WaitWithTimeoutAsync(GrainRequest request, TimeSpan timeout)
    {
        try
        {
            return await request.Completion.WaitAsync(timeout, TimeProvider);
        }
        catch (TimeoutException)
        {
            // The grain's own TimeoutException, or a response that arrived as the timer fired: report the response.
            if (request.Completion.IsCompleted)
            {
                return await request.Completion;
            }

            throw new TimeoutException(
                $"The call to {request.Method.Name} on {request.Target} got no response within {timeout}. A call cycle between " +
                "non-reentrant grains (including a grain calling itself) never completes; mark the grain [Reentrant] or the " +
                "method [AlwaysInterleave] if that is what happened.");
        }
    }

    private async Task CollectIdleActivationsAsync(CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(CollectionOptions.CollectionQuantum, TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation))
            {
                foreach (var activation in _activations.Values)
                {
                    activation.CollectIfIdle(CollectionOptions.CollectionAge);
                }
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // The runtime is stopping.
        }
    }

    private void ValidateStorageRegistrations()
    {
        var keyed = Services.GetRequiredService<IServiceProviderIsKeyedService>();
        foreach (var grainClass in Registry.Classes)
        {
            foreach (var parameter in grainClass.Parameters)
            {
                if (parameter.State is { } state && !keyed.IsKeyedService(typeof(IGrainStorage), state.StorageName))
                {
                    throw GrainActivator.MissingStorage(grainClass, state.StorageName);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Actor runtime started with {GrainClassCount} grain classes")]
    private static partial void LogStarted(ILogger logger, int grainClassCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Actor runtime stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "One-way call {Method} on grain {GrainId} failed")]
    private static partial void LogOneWayFailed(ILogger logger, Exception exception, string method, GrainId grainId);
}
