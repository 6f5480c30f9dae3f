using System.Globalization;
using Paraloom.Compute.Execution;

namespace Paraloom.Benchmarks.Corpus;

/// <summary>
/// `corpus [check|small|full] [REPS]`: runs the bench-corpus programs (the shared corpus and the project's own) in the sandbox (Wasmtime behind the
/// admission gate, every determinism setting on), Node's V8 and native clang -O2 with the same inputs, checks
/// every output against expected/*.hex and prints a table of the best run() times with ratios to native,
/// ending with the line `geomean: sandbox N.NN× native, V8 N.NN× native`.
/// </summary>
internal static class CorpusBench
{
    private static readonly string[] SharedPrograms = ["sha256", "matmul", "fannkuch"];
    private static readonly string[] ProjectPrograms = ["recurse", "collatz", "stream"];

    public static int Run(string[] args)
    {
        var size = args.Length > 0 ? args[0] : "small";
        var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var scratch = Directory.CreateTempSubdirectory("paraloom-bench-").FullName;
        var allCorrect = true;
        var sandboxRatios = new List<double>();
        var v8Ratios = new List<double>();
        using var engine = new SandboxEngine();

        Console.WriteLine($"bench corpus, '{size}' inputs, best of {repetitions} rounds, the contenders interleaved, each timed run after a warm-up (run() only, fresh instance each; best-of is robust to a shared machine's noise)");
        Console.WriteLine($"sandbox profile: {engine.Profile}");
        Console.WriteLine($"{"program",-10} {"native ms",10} {"V8 ms",10} {"sandbox ms",11} {"V8/native",10} {"sandbox/native",15}  output");
        try
        {
            foreach (var (corpus, program) in Programs())
            {
                var inputPath = Path.Combine(corpus, "inputs", $"{program}-{size}.bin");
                var expected = File.ReadAllText(Path.Combine(corpus, "expected", $"{program}-{size}.hex")).Trim();
                // Contenders take turns, one timed run each per round, so a shared machine's load shifts hit them alike.
                Measurement? native = null, node = null, sandbox = null;
                var input = File.ReadAllBytes(inputPath);
                for (var round = 0; round < repetitions; round++)
                {
                    native = Best(native, CorpusRunners.Native(corpus, program, inputPath, 1, 1, scratch));
                    node = Best(node, CorpusRunners.Node(corpus, program, inputPath, 1, 1));
                    sandbox = Best(sandbox, CorpusRunners.Sandbox(engine, corpus, program, input, 1, 1));
                }

                var correct = sandbox!.OutputHex == expected
                              && (native is null || native.OutputHex == expected) && (node is null || node.OutputHex == expected);
                allCorrect &= correct;
                double? sandboxRatio = native is null ? null : sandbox.BestMs / native.BestMs;
                double? v8Ratio = native is null || node is null ? null : node.BestMs / native.BestMs;
                if (sandboxRatio is { } r) sandboxRatios.Add(r);
                if (v8Ratio is { } v) v8Ratios.Add(v);
                Console.WriteLine($"{program,-10} {Format(native?.BestMs),10} {Format(node?.BestMs),10} {Format(sandbox.BestMs),11} " +
                                  $"{FormatRatio(v8Ratio),10} {FormatRatio(sandboxRatio),15}  {(correct ? "matches expected" : "MISMATCH")}");
            }
            if (sandboxRatios.Count > 0)
            {
                var v8 = v8Ratios.Count > 0 ? Geomean(v8Ratios).ToString("F2", CultureInfo.InvariantCulture) + "×" : "n/a";
                Console.WriteLine($"geomean: sandbox {Geomean(sandboxRatios).ToString("F2", CultureInfo.InvariantCulture)}× native, V8 {v8} native");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        return allCorrect ? 0 : 1;
    }

    /// <summary>The shared corpus' programs, then the project's own (tests/bench-corpus).</summary>
    public static IEnumerable<(string Corpus, string Program)> Programs()
    {
        var overridden = Environment.GetEnvironmentVariable("PARALOOM_BENCH_CORPUS");
        var shared = string.IsNullOrEmpty(overridden) ? Path.Combine(Repository.SharedDirectory, "bench-corpus") : overridden;
        var project = Repository.PathOf("tests", "bench-corpus");
        return SharedPrograms.Select(p => (shared, p)).Concat(ProjectPrograms.Select(p => (project, p)));
    }

    private static Measurement? Best(Measurement? best, Measurement? next) =>
        best is null || (next is not null && next.BestMs < best.BestMs) ? next ?? best : best;

    private static double Geomean(List<double> values) => Math.Exp(values.Average(Math.Log));

    private static string Format(double? ms) => ms is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "n/a";

    private static string FormatRatio(double? ratio) => ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) + "x" : "n/a";
}
