using System.Globalization;
using Wasmtime;

namespace Paraloom.Compute.Execution;

/// <summary>
/// Wasmtime's pooling allocator as job executions use it: linear memories, tables and instances come from slots
/// reserved once when the engine starts, so a job's store maps and unmaps nothing (the on-demand allocator mapped
/// and unmapped a 4 GiB reservation per execution, and faulted its pages in afresh: about 40 µs of a tiny job).
/// Every bound is at least what a store may ask for, so a job behaves exactly as on the on-demand allocator: memory
/// up to the wasm32 maximum (job limits and network caps are checked by the store's limiter below it), up to
/// <see cref="SandboxStore.MaxTableElements"/> elements in each of up to <see cref="TablesPerInstance"/> tables.
/// When a store is disposed, its memory is reset before the slot is reused: the first
/// <see cref="KeepResidentBytes"/> zeroed in place, the rest returned to the kernel, which zero-fills it.
/// A slot is taken per store (<see cref="SandboxEngine"/> holds a semaphore), so the pool is never exhausted:
/// an execution waits for a slot rather than fail in a way that depends on the machine's load.
/// </summary>
internal static class InstancePool
{
    /// <summary>Stores that may live at once per engine; each reserves about 4 GiB of address space (not memory).</summary>
    public const int Slots = 16;

    public const uint TablesPerInstance = 100;

    public const ulong KeepResidentBytes = 1024 * 1024;

    // Readonly, not const (a constant would not convert to nuint), and declared before Setting, which reads it.
    private static readonly ulong MaxMemoryBytes = 4UL << 30;

    /// <summary>Instance metadata (globals, function references): far above what admitted modules can declare.</summary>
    private const ulong MaxInstanceBytes = 16UL << 20;

    public static SandboxSetting Setting { get; } = new(
        "allocator",
        string.Create(CultureInfo.InvariantCulture,
            $"pooling/slots={Slots}/memory={MaxMemoryBytes}/tables={TablesPerInstance}x{SandboxStore.MaxTableElements}/instance={MaxInstanceBytes}/keep-resident={KeepResidentBytes}"),
        Configure);

    /// <summary>
    /// The on-demand allocator, for stores that hold many instances (a spec script links hundreds): the same
    /// compiled code, each instance's memory mapped when it is made and unmapped with its store.
    /// </summary>
    public static SandboxSetting OnDemand { get; } = new("allocator", "on-demand", config => config);

    private static Config Configure(Config config)
    {
        // Wasmtime copies the pool's configuration into the engine's.
        using var pool = new PoolingAllocationConfig()
            .WithMaxCoreInstances(Slots)
            .WithMaxMemories(Slots)
            .WithMaxMemoriesPerModule(1)
            .WithMaxMemorySize((nuint)MaxMemoryBytes)
            .WithMaxTables(Slots * TablesPerInstance)
            .WithMaxTablesPerModule(TablesPerInstance)
            .WithMaxTableElements(SandboxStore.MaxTableElements)
            .WithMaxCoreInstanceSize((nuint)MaxInstanceBytes)
            .WithLinearMemoryKeepResidentBytes((nuint)KeepResidentBytes)
            .WithTableKeepResidentBytes((nuint)KeepResidentBytes)
            .WithoutAsyncStacks();
        return config.WithPoolingAllocationStrategy(pool);
    }

    public static bool IsPooled(IReadOnlyList<SandboxSetting> settings) => settings.Contains(Setting);
}
