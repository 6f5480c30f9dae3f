using Paraloom.Wasm;
using WasmTrapCode = Paraloom.Wasm.TrapCode;

namespace Paraloom.Compute.Execution;

/// <summary>
/// One execution in a fresh store and instance, start to finish, on the calling thread. Every failure the
/// program can cause becomes a deterministic result; only the wall clock and cancellation do not.
/// </summary>
internal sealed class SandboxRun
{
    private readonly Engine _engine;
    private readonly ExecutionRequest _request;
    private readonly CancellationToken _cancellation;
    private Store? _store;

    public SandboxRun(Engine engine, ExecutionRequest request, CancellationToken cancellation)
    {
        _engine = engine;
        _request = request;
        _cancellation = cancellation;
    }

    private long FuelUsed => _store?.FuelConsumed ?? 0;

    public ExecutionResult Execute()
    {
        _cancellation.ThrowIfCancellationRequested();
        Module module;
        try
        {
            module = _engine.LoadModule(_request.Module.Span);
        }
        catch (ModuleException)
        {
            return ExecutionResult.Failed(AbiErrorKind.InvalidModule, 0);
        }
        if (ComputeAbi.CheckDeclarations(module) is { } declarationError)
        {
            return ExecutionResult.Failed(declarationError, 0);
        }

        var limits = _request.Limits;
        _store = new Store(_engine, new StoreLimits { Fuel = limits.Fuel, MaxMemoryBytes = limits.MemoryBytes })
        {
            Interrupt = _cancellation,
        };
        // The deadline starts here, on the execution thread, so time spent queued never counts against the job.
        _store.SetDeadline(DateTime.UtcNow + limits.WallClock);
        Memory? memory = null;
        try
        {
            var instance = Instance.Create(_store, module);
            memory = instance.GetMemory(ComputeAbi.MemoryExport)!;
            return ComputeAbi.CheckSignatures(instance) is { } signatureError
                ? ExecutionResult.Failed(signatureError, FuelUsed)
                : Invoke(instance, memory);
        }
        catch (ResourceLimitException)
        {
            return ExecutionResult.Failed(AbiErrorKind.InstantiationFailed, FuelUsed);
        }
        catch (TrapException trap) when (trap.Code == WasmTrapCode.Interrupted)
        {
            _cancellation.ThrowIfCancellationRequested();
            return ExecutionResult.TimedOut(FuelUsed);
        }
        catch (TrapException trap)
        {
            return ExecutionResult.Trapped(TrapCodes.FromEngine(trap.Code), FuelUsed);
        }
        finally
        {
            if (_request.ClearMemoryAfterUse)
            {
                memory?.Span.Clear();
            }
        }
    }

    private ExecutionResult Invoke(Instance instance, Memory memory)
    {
        var input = _request.Input.Span;
        var inputPointer = (uint)instance.GetFunction(ComputeAbi.AllocExport)!.Invoke(Value.I32(input.Length))[0].AsI32();
        if (!Fits(memory, inputPointer, (uint)input.Length))
        {
            return ExecutionResult.Failed(AbiErrorKind.InputOutOfBounds, FuelUsed);
        }
        input.CopyTo(memory.Span[(int)inputPointer..]);

        var packed = (ulong)instance.GetFunction(ComputeAbi.RunExport)!
            .Invoke(Value.I32((int)inputPointer), Value.I32(input.Length))[0].AsI64();
        var outputPointer = (uint)(packed >> 32);
        var outputLength = (uint)packed;
        if (outputLength > _request.Limits.MaxOutputBytes)
        {
            return ExecutionResult.Failed(AbiErrorKind.OutputTooLarge, FuelUsed);
        }
        if (!Fits(memory, outputPointer, outputLength))
        {
            return ExecutionResult.Failed(AbiErrorKind.OutputOutOfBounds, FuelUsed);
        }
        return ExecutionResult.Ok(memory.Span.Slice((int)outputPointer, (int)outputLength).ToArray(), FuelUsed);
    }

    // Growth during run() replaces the memory's buffer, so bounds are read from the memory each time.
    private static bool Fits(Memory memory, uint pointer, uint length) => (ulong)pointer + length <= (ulong)memory.Span.Length;
}
