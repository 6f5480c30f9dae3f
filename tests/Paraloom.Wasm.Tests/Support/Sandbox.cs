using Paraloom.Compute.Execution;
using Wasmtime;
using TrapCode = Paraloom.Compute.Execution.TrapCode;

namespace Paraloom.Wasm.Tests.Support;

/// <summary>
/// Runs a module the way validators do: through the admission gate onto the sandbox's Wasmtime engine, in a fresh
/// store with the given limits, on a thread whose stack holds the sandbox's budget.
/// </summary>
internal static class Sandbox
{
    public static readonly SandboxEngine Engine = new();

    /// <summary>The same configuration on the on-demand allocator, for scripts that link many instances in one store.</summary>
    public static readonly SandboxEngine ScriptEngine = SandboxEngine.ForScripts();

    public static T Run<T>(byte[] wasm, Func<SandboxStore, Instance, T> use, long fuel = 1_000_000_000, long maxMemoryBytes = 64L << 20,
        uint maxTableElements = SandboxStore.MaxTableElements, TimeSpan? wallClock = null, CancellationToken cancellation = default) =>
        SandboxThread.Run(() =>
        {
            var module = Engine.Compile(Engine.Admit(wasm));
            using var store = new SandboxStore(Engine, fuel, maxMemoryBytes, DateTime.UtcNow + (wallClock ?? TimeSpan.FromMinutes(1)), cancellation, maxTableElements);
            var instance = SandboxStore.Call(null, () => store.Instantiate(module));
            return use(store, instance);
        });

    /// <summary>Runs and returns the trap it must end in, with the fuel used.</summary>
    public static (TrapCode Code, long FuelUsed) Trap(byte[] wasm, string export, params ValueBox[] arguments) =>
        Run(wasm, (store, instance) =>
        {
            var trap = Assert.Throws<SandboxTrap>(() => store.Invoke(instance, export, arguments));
            return (trap.Code, store.FuelUsed);
        });
}
