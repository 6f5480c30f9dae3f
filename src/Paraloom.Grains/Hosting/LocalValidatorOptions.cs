using Paraloom.Compute.Execution;

namespace Paraloom.Grains;

/// <summary>The validators one silo hosts, their keys and the CPU they share.</summary>
public sealed class LocalValidatorOptions
{
    /// <summary>This silo's id in the scoring view (cohorts prefer members on different silos).</summary>
    public string SiloId { get; set; } = "local";

    /// <summary>
    /// Validators hosted here, one per key slot <see cref="KeyFilePrefix"/>1 … <see cref="KeyFilePrefix"/>N (default 3).
    /// </summary>
    public int Count { get; set; } = 3;

    /// <summary>
    /// The key slots' names without their number: slot I's key is in <c>{KeyFilePrefix}I.key</c> (default
    /// <c>validator-</c>), a name that stays the same whatever key it holds, so a mounted secret can provide it.
    /// A validator's id is derived from its public key, not from the slot.
    /// </summary>
    public string KeyFilePrefix { get; set; } = "validator-";

    /// <summary>
    /// Where validator key files live (one per slot, created owner-only when missing). Null: fresh keys for each process.
    /// </summary>
    public string? KeyDirectory { get; set; }

    /// <summary>
    /// Where compiled modules are kept across restarts, each authenticated and loaded only under the execution
    /// profile that wrote it. Null: compiled modules live in memory only.
    /// </summary>
    public string? CompiledModuleDirectory { get; set; }

    /// <summary>Executions one validator takes at once before it counts as full (default 4).</summary>
    public int Capacity { get; set; } = 4;

    /// <summary>The dedicated execution threads all local validators share.</summary>
    public ExecutionSchedulerOptions Scheduler { get; set; } = ExecutionSchedulerOptions.Default;

    /// <summary>The key slots: <see cref="KeyFilePrefix"/>1 … <see cref="KeyFilePrefix"/><see cref="Count"/>.</summary>
    public IReadOnlyList<string> KeySlots => [.. Enumerable.Range(1, Count).Select(i => $"{KeyFilePrefix}{i}")];
}
