using System.Diagnostics;
using System.Text.Json;
using Paraloom.Compute.Execution;
using Wasmtime;

namespace Paraloom.Benchmarks.Corpus;

/// <summary>One measured runner: the output bytes (hex) and the best time of run() in milliseconds.</summary>
internal sealed record Measurement(string OutputHex, double BestMs);

/// <summary>The three ways of running a corpus program: the sandbox in-process, Node's V8, native clang -O2.</summary>
internal static class CorpusRunners
{
    /// <summary>
    /// The sandbox as validators run it (admission gate, stack instrumentation, Wasmtime with fuel, epochs and NaN
    /// canonicalization): compiled once, then per repetition a fresh store and instance; only run() is timed.
    /// </summary>
    public static Measurement Sandbox(SandboxEngine engine, string corpus, string program, byte[] input, int repetitions, int warmup) =>
        SandboxThread.Run(() =>
        {
            var module = engine.Compile(engine.Admit(File.ReadAllBytes(Path.Combine(corpus, "build", program + ".wasm"))));
            return TimeRun(program, input, repetitions, warmup, () =>
            {
                var sandbox = new SandboxStore(engine, long.MaxValue / 2, 1L << 30, DateTime.UtcNow.AddHours(1), CancellationToken.None);
                return (sandbox, sandbox.Instantiate(module));
            });
        });

    /// <summary>
    /// Times run() alone on a fresh store and instance per repetition (from <paramref name="instantiate"/>), after
    /// <paramref name="warmup"/> untimed ones; every repetition must give the same output. Call on a sandbox thread.
    /// </summary>
    public static Measurement TimeRun(string program, byte[] input, int repetitions, int warmup, Func<(IDisposable Store, Instance Instance)> instantiate)
    {
        var times = new List<double>();
        string? output = null;
        for (var i = 0; i < warmup + repetitions; i++)
        {
            var (store, instance) = instantiate();
            using (store)
            {
                var pointer = instance.GetFunction<int, int>("alloc")!(input.Length);
                var memory = instance.GetMemory("memory")!;
                input.CopyTo(memory.GetSpan(pointer, input.Length));
                var run = instance.GetFunction<int, int, long>("run")!;
                var watch = Stopwatch.StartNew();
                var packed = (ulong)run(pointer, input.Length);
                watch.Stop();
                var hex = Convert.ToHexStringLower(memory.GetSpan((long)(packed >> 32), (int)(uint)packed));
                if (output is not null && output != hex) throw new InvalidOperationException($"{program}: output differs between repetitions");
                output = hex;
                if (i >= warmup) times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
        return new Measurement(output!, times.Min());
    }

    public static Measurement? Node(string corpus, string program, string inputPath, int repetitions, int warmup) =>
        RunJson("node", [Path.Combine(corpus, "run-node.mjs"), Path.Combine(corpus, "build", program + ".wasm"), inputPath, $"{repetitions}", $"{warmup}"]);

    public static Measurement? Native(string corpus, string program, string inputPath, int repetitions, int warmup, string scratch)
    {
        var binary = Path.Combine(scratch, program + ".native");
        if (!File.Exists(binary))
        {
            var compiled = Execute("clang-14", ["-O2", Path.Combine(corpus, "src", program + ".c"), Path.Combine(corpus, "native", "harness.c"), "-o", binary]);
            if (compiled is null) return null;
        }
        return RunJson(binary, [inputPath, $"{repetitions}", $"{warmup}"]);
    }

    private static Measurement? RunJson(string executable, string[] arguments)
    {
        var stdout = Execute(executable, arguments);
        if (stdout is null) return null;
        using var json = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        var times = json.RootElement.GetProperty("times_ms").EnumerateArray().Select(t => t.GetDouble()).ToList();
        return new Measurement(json.RootElement.GetProperty("out").GetString()!, times.Min());
    }

    /// <summary>Runs a tool and returns its standard output, or null (with a note on stderr) when it is missing or fails.</summary>
    private static string? Execute(string executable, string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        try
        {
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode == 0) return output;
            Console.Error.WriteLine($"{Path.GetFileName(executable)} failed (exit {process.ExitCode}): {errors.Result.Trim()}");
            return null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"{executable} not found: its column is left empty");
            return null;
        }
    }
}
