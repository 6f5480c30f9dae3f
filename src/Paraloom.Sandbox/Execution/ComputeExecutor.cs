using Paraloom.Wasm.Instrumentation;

namespace Paraloom.Compute.Execution;

/// <summary>
/// Runs compute ABI v1 modules on Wasmtime behind the admission gate: each execution in a fresh store and
/// instance, under the job's fuel, memory, wall-clock and output limits, on the dedicated
/// <see cref="ExecutionScheduler"/>. Modules are compiled once and reused through the engine's cache. Thread-safe.
/// </summary>
public sealed class ComputeExecutor
{
    /// <summary>Native stack an execution thread needs beyond Wasmtime's own limit, for the host frames below it.</summary>
    public const int HostStackMarginBytes = 4 * 1024 * 1024;

    private readonly ExecutionScheduler _scheduler;

    /// <param name="scheduler">Where executions run; shared, not owned.</param>
    /// <param name="engine">The sandbox engine (default: a new one); shared, not owned.</param>
    /// <exception cref="ArgumentException">The scheduler's threads have too small a stack for the sandbox's stack budget.</exception>
    public ComputeExecutor(ExecutionScheduler scheduler, SandboxEngine? engine = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        if (scheduler.ThreadStackBytes < StackBudget.NativeStackBytes + HostStackMarginBytes)
        {
            throw new ArgumentException(
                $"Execution threads need a stack of at least {StackBudget.NativeStackBytes + HostStackMarginBytes} bytes "
                + $"(the sandbox's native stack plus host frames); the scheduler's have {scheduler.ThreadStackBytes}.", nameof(scheduler));
        }
        Engine = engine ?? new SandboxEngine();
        _scheduler = scheduler;
    }

    public SandboxEngine Engine { get; }

    /// <summary>The profile every result of this executor carries.</summary>
    public ExecutionProfile Profile => Engine.Profile;

    /// <summary>
    /// Executes the request. Every outcome the program determines (success, trap, ABI error) is a result
    /// with a digest; a wall-clock timeout is a result with none.
    /// </summary>
    /// <exception cref="ExecutorBusyException">The scheduler's queue is full.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<ExecutionResult> ExecuteAsync(ExecutionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var run = new SandboxRun(Engine, request, cancellationToken);
        return _scheduler.RunAsync(run.Execute, cancellationToken);
    }
}
