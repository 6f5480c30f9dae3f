using System.Diagnostics;
using System.Text.Json;
using Paraloom.Wasm;

namespace Paraloom.Benchmarks.Corpus;

/// <summary>One measured runner: the output bytes (hex) and the best time of run() in milliseconds.</summary>
internal sealed record Measurement(string OutputHex, double BestMs);

/// <summary>The three ways of running a corpus program: our engine in-process, Node's V8, native clang -O2.</summary>
internal static class CorpusRunners
{
    /// <summary>Our engine in <paramref name="tier"/>: compile once, then per repetition a fresh store and instance; only run() is timed.</summary>
    public static Measurement Paraloom(string corpus, string program, byte[] input, int repetitions, int warmup, ExecutionTier tier)
    {
        var engine = new Engine(new EngineConfig { Tier = tier });
        var module = engine.LoadModule(File.ReadAllBytes(Path.Combine(corpus, "build", program + ".wasm")));
        var times = new List<double>();
        string? output = null;
        for (var i = 0; i < warmup + repetitions; i++)
        {
            var store = new Store(engine, new StoreLimits { MaxMemoryBytes = 1L << 30 });
            var instance = Instance.Create(store, module);
            var pointer = instance.GetFunction("alloc")!.Invoke(Value.I32(input.Length))[0].AsI32();
            var memory = instance.GetMemory("memory")!;
            memory.Write(pointer, input);
            var run = instance.GetFunction("run")!;
            var watch = Stopwatch.StartNew();
            var packed = (ulong)run.Invoke(Value.I32(pointer), Value.I32(input.Length))[0].AsI64();
            watch.Stop();
            var hex = Convert.ToHexString(memory.ReadBytes((long)(packed >> 32), (int)(uint)packed)).ToLowerInvariant();
            if (output is not null && output != hex) throw new InvalidOperationException($"{program}: output differs between repetitions");
            output = hex;
            if (i >= warmup) times.Add(watch.Elapsed.TotalMilliseconds);
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
