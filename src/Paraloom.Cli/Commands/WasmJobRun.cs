using Paraloom.Compute;
using Paraloom.Compute.Execution;

namespace Paraloom.Cli.Commands;

/// <summary>
/// <c>paraloom wasm run FILE --input F</c>: runs a job program through the compute ABI (alloc, run) on the validators'
/// executor, exactly as a cohort member runs a public job, so its output and the fuel it costs are known before the job's
/// limits are chosen. The output bytes alone go to standard output (or <c>--out</c>), the fuel to standard error.
/// </summary>
internal static class WasmJobRun
{
    /// <summary>Runs <paramref name="module"/> on <paramref name="input"/>; 0 for an output, 1 for a trap, an ABI error or a timeout.</summary>
    public static async Task<int> RunAsync(byte[] module, byte[] input, ResourceLimits limits, Stream output, TextWriter error)
    {
        using var scheduler = new ExecutionScheduler();
        var executor = new ComputeExecutor(scheduler);
        var result = await executor.ExecuteAsync(new ExecutionRequest(module, input, limits));
        var fuel = $"fuel consumed: {result.FuelUsed}";
        switch (result.Status)
        {
            case ExecutionStatus.Ok:
                await output.WriteAsync(result.Output);
                await output.FlushAsync();
                await error.WriteLineAsync(fuel);
                return 0;
            case ExecutionStatus.Trap:
                await error.WriteLineAsync($"error: wasm trap ({result.Trap}); {fuel}");
                return 1;
            case ExecutionStatus.AbiError:
                await error.WriteLineAsync($"error: the module does not follow the compute ABI ({result.AbiError}); {fuel}");
                return 1;
            default:
                await error.WriteLineAsync($"error: the wall-clock limit of {limits.WallClock.TotalSeconds:0.###} s ran out; {fuel}");
                return 1;
        }
    }
}
