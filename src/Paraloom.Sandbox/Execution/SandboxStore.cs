using Paraloom.Wasm.Instrumentation;
using Wasmtime;

namespace Paraloom.Compute.Execution;

/// <summary>
/// One Wasmtime store set up the way every execution needs it: fuel, memory and table limits, and an epoch
/// callback that stops the run at its deadline or on cancellation (checked every <see cref="SandboxEngine.EpochTick"/>).
/// Calls into an instance reset the instrumented stack height first, so a trap that unwound past the
/// instrumentation's bookkeeping never leaks into the next call. Not thread-safe: one execution thread.
/// </summary>
public sealed class SandboxStore : IDisposable
{
    /// <summary>Table elements a job may have; past it <c>table.grow</c> returns -1 and instantiation fails.</summary>
    public const uint MaxTableElements = 1_000_000;

    private readonly ulong _fuel;
    private readonly PoolReservation _slot;

    public SandboxStore(SandboxEngine engine, long fuel, long maxMemoryBytes, DateTime deadlineUtc, CancellationToken cancellation,
        uint maxTableElements = MaxTableElements, long maxInstances = 1)
    {
        _fuel = (ulong)fuel;
        _slot = engine.ReservePoolSlot(maxInstances);
        Store = new Store(engine.Wasmtime);
        Store.Fuel = _fuel;
        Store.SetLimits(memorySize: maxMemoryBytes, tableElements: maxTableElements, instances: maxInstances, tables: 100, memories: maxInstances);
        Store.SetEpochDeadline(1);
        Store.SetEpochDeadlineCallback(_ =>
        {
            if (cancellation.IsCancellationRequested) throw new SandboxInterruptedException(cancelled: true);
            if (DateTime.UtcNow >= deadlineUtc) throw new SandboxInterruptedException(cancelled: false);
            return 1;
        });
    }

    public Store Store { get; }

    public long FuelUsed => (long)(_fuel - Store.Fuel);

    public Instance Instantiate(Module module, object[]? imports = null) => new(Store, module, imports ?? []);

    /// <summary>Invokes an export with the stack height reset; traps surface as <see cref="SandboxTrap"/>.</summary>
    public object? Invoke(Instance instance, string name, params ValueBox[] arguments)
    {
        var function = instance.GetFunction(name) ?? throw new InvalidOperationException($"no exported function \"{name}\"");
        var height = instance.GetGlobal(StackBudget.HeightExport);
        height?.SetValue(0);
        return Call(height, () => function.Invoke(arguments));
    }

    /// <summary>Runs a call (or an instantiation) and turns a Wasmtime trap into a <see cref="SandboxTrap"/>.</summary>
    public static T Call<T>(Global? height, Func<T> call)
    {
        try
        {
            return call();
        }
        catch (WasmtimeException e) when (e.InnerException is SandboxInterruptedException interrupted)
        {
            throw interrupted;
        }
        catch (TrapException trap)
        {
            var units = height?.GetValue() is int h ? h : 0;
            throw new SandboxTrap(TrapCodes.FromWasmtime(trap.Type, units), trap.Message);
        }
    }

    public void Dispose()
    {
        Store.Dispose();
        _slot.Dispose();
    }
}
