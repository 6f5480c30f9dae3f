using Paraloom.Wasm;

namespace Paraloom.Compute.Execution;

/// <summary>
/// Runs compute ABI v1 modules: each execution in a fresh store and instance, under the job's fuel,
/// memory, wall-clock and output limits, on the dedicated <see cref="ExecutionScheduler"/>. Modules are
/// compiled once and reused through the engine's cache. Thread-safe.
/// </summary>
public sealed class ComputeExecutor
{
    private readonly ExecutionScheduler _scheduler;

    /// <param name="scheduler">Where executions run; shared, not owned.</param>
    /// <param name="engine">The engine whose module cache is used; must canonicalise NaNs.</param>
    public ComputeExecutor(ExecutionScheduler scheduler, Engine? engine = null)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        Engine = engine ?? new Engine();
        if (!Engine.Config.CanonicalizeNaNs)
        {
            throw new ArgumentException(
                "The engine must canonicalise NaNs: without it, results differ between hosts.", nameof(engine));
        }
        _scheduler = scheduler;
    }

    public Engine Engine { get; }

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
