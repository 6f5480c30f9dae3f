using Paraloom.Wasm.Instrumentation;

namespace Paraloom.Compute.Execution;

/// <summary>
/// Runs sandboxed work outside the <see cref="ExecutionScheduler"/> (the CLI and spec scripts) on a fresh thread
/// whose stack can hold the sandbox's native stack budget, as the scheduler's threads can.
/// </summary>
public static class SandboxThread
{
    /// <summary>The stack such a thread gets: the sandbox's native stack plus room for the host's frames.</summary>
    public const int StackBytes = StackBudget.NativeStackBytes + ComputeExecutor.HostStackMarginBytes;

    /// <summary>Runs <paramref name="work"/> to completion on a new thread; its exception is rethrown here.</summary>
    public static T Run<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        T result = default!;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e);
            }
        }, StackBytes) { Name = "Paraloom sandbox", IsBackground = true };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
