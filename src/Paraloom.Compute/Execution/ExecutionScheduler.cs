namespace Paraloom.Compute.Execution;

/// <summary>
/// Runs CPU-bound work on a fixed number of dedicated threads with a bounded queue: never on the thread
/// pool, never on the caller's scheduler. Work beyond the running and queued capacity is refused with
/// <see cref="ExecutorBusyException"/> rather than piling up.
/// </summary>
public sealed class ExecutionScheduler : IDisposable
{
    private readonly DedicatedThreadTaskScheduler _scheduler;
    private int _admitted;
    private int _disposed;

    public ExecutionScheduler(ExecutionSchedulerOptions? options = null)
    {
        var settings = options ?? ExecutionSchedulerOptions.Default;
        ConcurrencyLevel = settings.ConcurrentExecutions;
        ThreadStackBytes = settings.ThreadStackBytes;
        Capacity = settings.ConcurrentExecutions + settings.QueueCapacity;
        _scheduler = new DedicatedThreadTaskScheduler(
            settings.ConcurrentExecutions, settings.ThreadStackBytes, "Paraloom execution");
    }

    /// <summary>Work items that run at once.</summary>
    public int ConcurrencyLevel { get; }

    /// <summary>The native stack of each execution thread, in bytes.</summary>
    public int ThreadStackBytes { get; }

    /// <summary>Work items admitted at most: running plus queued.</summary>
    public int Capacity { get; }

    /// <summary>Work items admitted and not yet finished (running or queued).</summary>
    public int InFlight => Volatile.Read(ref _admitted);

    /// <summary>Runs <paramref name="work"/> on one of the dedicated threads.</summary>
    /// <exception cref="ExecutorBusyException">Every running and queued slot is taken.</exception>
    /// <exception cref="ObjectDisposedException">The scheduler was disposed.</exception>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (Interlocked.Increment(ref _admitted) > Capacity)
        {
            Interlocked.Decrement(ref _admitted);
            throw new ExecutorBusyException(Capacity);
        }
        // Callers resume off the execution threads: an awaiting grain must never run its turn on one of them.
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<T> task;
        try
        {
            task = Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, _scheduler);
        }
        catch (TaskSchedulerException)
        {
            // Lost the race with Dispose: the queue closed between the check above and the enqueue.
            Interlocked.Decrement(ref _admitted);
            throw new ObjectDisposedException(nameof(ExecutionScheduler));
        }
        task.ContinueWith(
            (finished, state) => Complete(finished, (TaskCompletionSource<T>)state!, cancellationToken),
            completion, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return completion.Task;
    }

    /// <summary>Stops accepting work, lets queued work finish and joins the threads.</summary>
    /// <exception cref="InvalidOperationException">Called from work running on this scheduler.</exception>
    public void Dispose()
    {
        if (_scheduler.IsCurrentThreadWorker)
        {
            throw new InvalidOperationException("An execution scheduler cannot be disposed from one of its own threads.");
        }
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _scheduler.Dispose();
        }
    }

    // The slot is released before the caller can observe completion, so InFlight is exact once it awaits.
    private void Complete<T>(Task<T> finished, TaskCompletionSource<T> completion, CancellationToken cancellationToken)
    {
        Interlocked.Decrement(ref _admitted);
        if (finished.IsCanceled)
        {
            completion.TrySetCanceled(cancellationToken);
        }
        else if (finished.IsFaulted)
        {
            completion.TrySetException(finished.Exception!.InnerExceptions);
        }
        else
        {
            completion.TrySetResult(finished.Result);
        }
    }
}
