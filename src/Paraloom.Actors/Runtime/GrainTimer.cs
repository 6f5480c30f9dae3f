namespace Paraloom.Actors.Runtime;

/// <summary>
/// A grain timer: waits off the activation, then queues each tick as a turn and waits for it to finish
/// before counting the period, so ticks never overlap. Stops when disposed or when the activation goes.
/// </summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly GrainActivation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly GrainTimerCreationOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly CancellationToken _activationLifetime;
    private readonly Lock _lock = new();
    private CancellationTokenSource? _schedule;
    private bool _disposed;

    public GrainTimer(
        GrainActivation activation,
        Func<CancellationToken, Task> callback,
        GrainTimerCreationOptions options,
        TimeProvider timeProvider,
        CancellationToken activationLifetime)
    {
        _activation = activation;
        _callback = callback;
        _options = options;
        _timeProvider = timeProvider;
        _activationLifetime = activationLifetime;
        Change(options.DueTime, options.Period);
    }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "The due time must be zero or more, or infinite.");
        }

        if (period <= TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be positive, or infinite.");
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _schedule?.Cancel();
            _schedule?.Dispose();
            _schedule = CancellationTokenSource.CreateLinkedTokenSource(_activationLifetime);
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                var token = _schedule.Token;
                // Task.Run: the schedule must not run on (and occupy) the activation's scheduler.
                _ = Task.Run(() => RunAsync(dueTime, period, token), CancellationToken.None);
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _schedule?.Cancel();
            _schedule?.Dispose();
            _schedule = null;
        }
    }

    private async Task RunAsync(TimeSpan dueTime, TimeSpan period, CancellationToken cancellation)
    {
        try
        {
            await Task.Delay(dueTime, _timeProvider, cancellation);
            while (true)
            {
                var tick = new TimerTick(_callback, _options, _activation.Logger, cancellation);
                if (!_activation.TryEnqueue(tick))
                {
                    return;
                }

                await tick.Done;
                if (period == Timeout.InfiniteTimeSpan)
                {
                    return;
                }

                await Task.Delay(period, _timeProvider, cancellation);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Disposed, rescheduled, or the activation is gone.
        }
    }
}
