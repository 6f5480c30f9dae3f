using System.Diagnostics;
using System.Globalization;
using Paraloom.Compute;
using Paraloom.Compute.Execution;

namespace Paraloom.Benchmarks.Corpus;

/// <summary>
/// `per-job [ITERATIONS]`: what one execution of a tiny module (src/programs/echo.wasm, 64 input bytes) costs beside
/// its run(): the module cache hit (the admission result and the compiled module, both by hash), and a whole
/// execution as validators make it (cache hit, fresh store and instance, alloc, copy in, run, copy out), and that on the
/// on-demand allocator validators used before the pooling one. Prints the
/// mean per operation over ITERATIONS after as many untimed ones; the best of three such rounds is shown.
/// </summary>
internal static class PerJobBench
{
    public const string Command = "per-job";

    public static int Run(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
        var wasm = new ReadOnlyMemory<byte>(Repository.Program("echo"));
        var input = new byte[64];
        using var engine = new SandboxEngine();
        using var onDemand = SandboxEngine.ForScripts();
        var request = new ExecutionRequest(wasm, input, new ResourceLimits());
        var rows = SandboxThread.Run(() => new[]
        {
            ("module cache hit (admission + compiled)", BestMeanMicroseconds(iterations, () => engine.Compile(engine.AdmitOnce(wasm)))),
            ("whole execution: cache hit, fresh store + instance, alloc, copy in, run, copy out", BestMeanMicroseconds(iterations, () => Execute(engine, request))),
            ("the same on the on-demand allocator (before pooling)", BestMeanMicroseconds(iterations, () => Execute(onDemand, request))),
        });
        Console.WriteLine($"per-job overhead, echo.wasm with a 64-byte input, mean of {iterations} (best of 3 rounds)");
        foreach (var (name, microseconds) in rows)
        {
            Console.WriteLine($"{name,-84} {microseconds.ToString("F2", CultureInfo.InvariantCulture),8} µs");
        }
        return 0;
    }

    private static void Execute(SandboxEngine engine, ExecutionRequest request)
    {
        var result = new SandboxRun(engine, request, CancellationToken.None).Execute();
        if (result.Status != ExecutionStatus.Ok) throw new InvalidOperationException($"echo: {result.Status}");
    }

    private static double BestMeanMicroseconds(int iterations, Action operation)
    {
        var best = double.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < iterations; i++) operation();
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < iterations; i++) operation();
            best = Math.Min(best, watch.Elapsed.TotalMicroseconds / iterations);
        }
        return best;
    }
}
