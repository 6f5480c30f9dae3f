namespace Paraloom.Compute.Execution;

/// <summary>How much CPU an executor gives to WebAssembly, and how much work it lets wait.</summary>
public sealed record ExecutionSchedulerOptions
{
    public static ExecutionSchedulerOptions Default { get; } = new();

    /// <summary>Executions that run at once: the executor's dedicated threads (default 4).</summary>
    public int ConcurrentExecutions { get; init => field = Guard.Positive(value, nameof(ConcurrentExecutions)); } = 4;

    /// <summary>Executions that may wait for a thread (default 16); more are refused.</summary>
    public int QueueCapacity { get; init => field = Guard.Positive(value, nameof(QueueCapacity)); } = 16;

    /// <summary>
    /// Each thread's native stack (default 40 MiB). Guest call depth is bounded in deterministic units by the
    /// admission instrumentation; the stack must hold Wasmtime's native limit for that bound plus the host's
    /// frames (the sandbox's ComputeExecutor checks). It is reserved address space, touched only as deep as code goes.
    /// </summary>
    public int ThreadStackBytes { get; init => field = Guard.Positive(value, nameof(ThreadStackBytes)); } = 40 * 1024 * 1024;
}
