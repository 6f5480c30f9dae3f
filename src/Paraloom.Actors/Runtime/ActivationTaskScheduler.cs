namespace Paraloom.Actors.Runtime;

/// <summary>
/// Runs the tasks of one activation one at a time, in order, on the thread pool. Grain code started on it
/// keeps coming back to it after every await (await captures the current scheduler), which is what makes an
/// activation single-threaded. Code that opts out with ConfigureAwait(false) leaves the activation's
/// protection, as in Orleans.
/// </summary>
internal sealed class ActivationTaskScheduler : TaskScheduler
{
    // Tasks run per thread-pool work item before yielding the thread, so a busy activation cannot hog a thread.
    private const int TurnBatch = 64;

    [ThreadStatic]
    private static ActivationTaskScheduler? s_running;

    private readonly Queue<Task> _tasks = new();
    private bool _draining;

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task)
    {
        lock (_tasks)
        {
            _tasks.Enqueue(task);
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static scheduler => scheduler.Drain(), this, preferLocal: false);
    }

    // Inlining is safe only on the thread that is already running this activation's work.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        s_running == this && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_tasks)
        {
            return _tasks.ToArray();
        }
    }

    private void Drain()
    {
        s_running = this;
        try
        {
            for (var executed = 0; executed < TurnBatch; executed++)
            {
                Task task;
                lock (_tasks)
                {
                    if (!_tasks.TryDequeue(out task!))
                    {
                        _draining = false;
                        return;
                    }
                }

                TryExecuteTask(task);
            }
        }
        finally
        {
            s_running = null;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static scheduler => scheduler.Drain(), this, preferLocal: false);
    }
}
