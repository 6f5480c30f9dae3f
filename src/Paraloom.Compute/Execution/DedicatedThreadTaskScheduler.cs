using System.Collections.Concurrent;

namespace Paraloom.Compute.Execution;

/// <summary>
/// A task scheduler over a fixed set of dedicated, large-stack threads. Tasks queued here never touch the
/// thread pool, so long CPU-bound executions cannot starve it (or a grain scheduler built on it).
/// </summary>
internal sealed class DedicatedThreadTaskScheduler : TaskScheduler, IDisposable
{
    [ThreadStatic]
    private static DedicatedThreadTaskScheduler? s_owner;

    private readonly BlockingCollection<Task> _queue = [];
    private readonly Thread[] _threads;

    public DedicatedThreadTaskScheduler(int threadCount, int stackBytes, string name)
    {
        _threads = new Thread[threadCount];
        for (var i = 0; i < threadCount; i++)
        {
            _threads[i] = new Thread(Work, stackBytes) { IsBackground = true, Name = $"{name} #{i + 1}" };
            _threads[i].Start();
        }
    }

    public override int MaximumConcurrencyLevel => _threads.Length;

    public bool IsCurrentThreadWorker => s_owner == this;

    public void Dispose()
    {
        _queue.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
        _queue.Dispose();
    }

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Inlining is safe only on our own threads: anywhere else it would run CPU-bound work on the caller's thread.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        s_owner == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Work()
    {
        s_owner = this;
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }
}
