using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;

namespace Paraloom.Wasm.Execution;

/// <summary>
/// Runs compiled code on a thread whose stack holds the deepest wasm call chain the store's limits allow:
/// compiled wasm calls recurse on the host stack, and a default thread stack is far too small for them.
/// The threads are pooled so an invocation costs two handoffs, not a thread creation.
/// </summary>
internal static class LargeStack
{
    /// <summary>Host stack budgeted per wasm frame: the compiled body, the call helper and the delegate stub.</summary>
    private const long BytesPerFrame = 1024;

    private const long MinimumBytes = 16L << 20;
    private const long MaximumBytes = 1L << 30;
    private const int MaxIdleWorkers = 4;

    private static readonly ConcurrentQueue<Worker> Idle = new();

    [ThreadStatic] private static long t_stackBytes;

    public static void Run(StoreLimits limits, Action action)
    {
        var frames = Math.Min(limits.MaxCallDepth, limits.MaxStackUnits);
        var bytes = Math.Clamp(frames * BytesPerFrame + MinimumBytes, MinimumBytes, MaximumBytes);
        if (t_stackBytes >= bytes)
        {
            action();
            return;
        }
        var worker = Rent(bytes);
        try
        {
            worker.Run(action);
        }
        finally
        {
            Return(worker);
        }
    }

    private static Worker Rent(long bytes)
    {
        while (Idle.TryDequeue(out var worker))
        {
            if (worker.StackBytes >= bytes) return worker;
            worker.Stop();
        }
        return new Worker(bytes);
    }

    private static void Return(Worker worker)
    {
        if (Idle.Count < MaxIdleWorkers) Idle.Enqueue(worker);
        else worker.Stop();
    }

    private sealed class Worker
    {
        private readonly SemaphoreSlim _start = new(0);
        private readonly SemaphoreSlim _done = new(0);
        private Action? _work;
        private ExceptionDispatchInfo? _failure;

        public Worker(long stackBytes)
        {
            StackBytes = stackBytes;
            new Thread(Loop, (int)stackBytes) { IsBackground = true, Name = "Paraloom.Wasm compiled code" }.Start();
        }

        public long StackBytes { get; }

        public void Run(Action action)
        {
            _work = action;
            _failure = null;
            _start.Release();
            _done.Wait();
            _failure?.Throw();
        }

        /// <summary>Ends the thread once it is idle.</summary>
        public void Stop()
        {
            _work = null;
            _start.Release();
        }

        private void Loop()
        {
            t_stackBytes = StackBytes;
            while (true)
            {
                _start.Wait();
                if (_work is not { } work) return;
                try { work(); }
                catch (Exception e) { _failure = ExceptionDispatchInfo.Capture(e); }
                _work = null;
                _done.Release();
            }
        }
    }
}
