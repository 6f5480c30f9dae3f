using Paraloom.Wasm;
using Paraloom.Wasm.Instrumentation;
using Wasmtime;

namespace Paraloom.Compute.Execution;

/// <summary>
/// One execution start to finish on the calling thread: admission, compilation (cached), a fresh store and
/// instance, <c>alloc</c>, <c>run</c>, the output copied out. Every failure the program can cause becomes a
/// deterministic result; only the wall clock and cancellation do not. The wall clock starts when the run
/// starts on its execution thread, so admission and compilation count against it and queueing does not.
/// </summary>
internal sealed class SandboxRun
{
    private readonly SandboxEngine _engine;
    private readonly ExecutionRequest _request;
    private readonly CancellationToken _cancellation;

    public SandboxRun(SandboxEngine engine, ExecutionRequest request, CancellationToken cancellation)
    {
        _engine = engine;
        _request = request;
        _cancellation = cancellation;
    }

    private ExecutionProfile Profile => _engine.Profile;

    public ExecutionResult Execute()
    {
        _cancellation.ThrowIfCancellationRequested();
        var deadline = DateTime.UtcNow + _request.Limits.WallClock;
        AdmittedModule admitted;
        try
        {
            admitted = _engine.AdmitOnce(_request.Module);
        }
        catch (ModuleException)
        {
            return ExecutionResult.Failed(AbiErrorKind.InvalidModule, 0, Profile);
        }
        if (ComputeAbi.Check(admitted) is { } abiError)
        {
            return ExecutionResult.Failed(abiError, 0, Profile);
        }

        var compiled = _engine.Compile(admitted);
        var limits = _request.Limits;
        // Disposing the store resets the instance's pool slot (InstancePool): its first MiB zeroed in place, the rest
        // returned to the kernel, which zero-fills it. So a private job's plaintext leaves memory when the run ends,
        // at a cost that does not grow with the memory the program touched.
        using var sandbox = new SandboxStore(_engine, limits.Fuel, limits.MemoryBytes, deadline, _cancellation);
        Instance instance;
        try
        {
            instance = SandboxStore.Call(null, () => sandbox.Instantiate(compiled));
        }
        catch (SandboxTrap trap)
        {
            return ExecutionResult.Trapped(trap.Code, sandbox.FuelUsed, Profile);
        }
        catch (SandboxInterruptedException interrupted)
        {
            return Interrupted(interrupted, sandbox);
        }
        catch (WasmtimeException)
        {
            // Past admission, only the store's limits can refuse an instance (an initial memory or table too large).
            return ExecutionResult.Failed(AbiErrorKind.InstantiationFailed, sandbox.FuelUsed, Profile);
        }

        var memory = instance.GetMemory(ComputeAbi.MemoryExport)!;
        try
        {
            return Invoke(sandbox, instance, memory);
        }
        catch (SandboxTrap trap)
        {
            return ExecutionResult.Trapped(trap.Code, sandbox.FuelUsed, Profile);
        }
        catch (SandboxInterruptedException interrupted)
        {
            return Interrupted(interrupted, sandbox);
        }
    }

    private ExecutionResult Interrupted(SandboxInterruptedException interrupted, SandboxStore sandbox)
    {
        if (interrupted.Cancelled)
        {
            throw new OperationCanceledException(interrupted.Message, _cancellation);
        }
        return ExecutionResult.TimedOut(sandbox.FuelUsed, Profile);
    }

    private ExecutionResult Invoke(SandboxStore sandbox, Instance instance, Memory memory)
    {
        var input = _request.Input.Span;
        var inputPointer = (uint)(int)sandbox.Invoke(instance, ComputeAbi.AllocExport, input.Length)!;
        if (!Fits(memory, inputPointer, (uint)input.Length))
        {
            return ExecutionResult.Failed(AbiErrorKind.InputOutOfBounds, sandbox.FuelUsed, Profile);
        }
        input.CopyTo(memory.GetSpan(inputPointer, input.Length));

        var packed = (ulong)(long)sandbox.Invoke(instance, ComputeAbi.RunExport, (int)inputPointer, input.Length)!;
        var outputPointer = (uint)(packed >> 32);
        var outputLength = (uint)packed;
        if (outputLength > _request.Limits.MaxOutputBytes)
        {
            return ExecutionResult.Failed(AbiErrorKind.OutputTooLarge, sandbox.FuelUsed, Profile);
        }
        if (!Fits(memory, outputPointer, outputLength))
        {
            return ExecutionResult.Failed(AbiErrorKind.OutputOutOfBounds, sandbox.FuelUsed, Profile);
        }
        return ExecutionResult.Ok(memory.GetSpan(outputPointer, (int)outputLength).ToArray(), sandbox.FuelUsed, Profile);
    }

    // Growth during run() moves the end of memory, so bounds are read from the memory each time.
    private static bool Fits(Memory memory, uint pointer, uint length) => (ulong)pointer + length <= (ulong)memory.GetLength();
}
