using System.Globalization;
using Paraloom.Wasm;

namespace Paraloom.Benchmarks.Corpus;

/// <summary>
/// `corpus [check|small|full] [REPS]`: runs the bench-corpus programs on our engine (interpreter and
/// compiled tiers), Node's V8 and native clang -O2 with the same inputs, checks every output against
/// expected/*.hex and prints a table of the best run() times with ratios to native.
/// </summary>
internal static class CorpusBench
{
    private static readonly string[] Programs = ["sha256", "matmul", "fannkuch"];

    public static int Run(string[] args)
    {
        var size = args.Length > 0 ? args[0] : "small";
        var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var corpus = LocateCorpus();
        var scratch = Directory.CreateTempSubdirectory("paraloom-bench-").FullName;
        var allCorrect = true;
        var interpreterRatios = new List<double>();
        var compiledRatios = new List<double>();
        var v8Ratios = new List<double>();

        Console.WriteLine($"bench corpus, '{size}' inputs, best of {repetitions} runs after 1 warm-up (run() only, fresh instance each; best-of is robust to a shared machine's noise)");
        Console.WriteLine($"{"program",-10} {"native ms",10} {"V8 ms",10} {"interp ms",10} {"compiled ms",12} {"V8/native",10} {"interp/native",14} {"compiled/native",16}  output");
        try
        {
            foreach (var program in Programs)
            {
                var inputPath = Path.Combine(corpus, "inputs", $"{program}-{size}.bin");
                var expected = File.ReadAllText(Path.Combine(corpus, "expected", $"{program}-{size}.hex")).Trim();
                var native = CorpusRunners.Native(corpus, program, inputPath, repetitions, 1, scratch);
                var node = CorpusRunners.Node(corpus, program, inputPath, repetitions, 1);
                var interpreted = CorpusRunners.Paraloom(corpus, program, File.ReadAllBytes(inputPath), repetitions, 1, ExecutionTier.Interpreter);
                var compiled = CorpusRunners.Paraloom(corpus, program, File.ReadAllBytes(inputPath), repetitions, 1, ExecutionTier.Compiled);

                var correct = interpreted.OutputHex == expected && compiled.OutputHex == expected
                              && (native is null || native.OutputHex == expected) && (node is null || node.OutputHex == expected);
                allCorrect &= correct;
                double? interpreterRatio = native is null ? null : interpreted.BestMs / native.BestMs;
                double? compiledRatio = native is null ? null : compiled.BestMs / native.BestMs;
                double? v8Ratio = native is null || node is null ? null : node.BestMs / native.BestMs;
                if (interpreterRatio is { } i) interpreterRatios.Add(i);
                if (compiledRatio is { } c) compiledRatios.Add(c);
                if (v8Ratio is { } v) v8Ratios.Add(v);
                Console.WriteLine($"{program,-10} {Format(native?.BestMs),10} {Format(node?.BestMs),10} {Format(interpreted.BestMs),10} {Format(compiled.BestMs),12} " +
                                  $"{FormatRatio(v8Ratio),10} {FormatRatio(interpreterRatio),14} {FormatRatio(compiledRatio),16}  {(correct ? "matches expected" : "MISMATCH")}");
            }
            if (interpreterRatios.Count > 0)
            {
                var interpreterGeomean = Geomean(interpreterRatios);
                var compiledGeomean = Geomean(compiledRatios);
                Console.WriteLine($"{"geomean",-10} {"",10} {"",10} {"",10} {"",12} {FormatRatio(v8Ratios.Count > 0 ? Geomean(v8Ratios) : null),10} " +
                                  $"{FormatRatio(interpreterGeomean),14} {FormatRatio(compiledGeomean),16}");
                Console.WriteLine($"our engine runs at {100 / interpreterGeomean:F1}% of native speed interpreted, {100 / compiledGeomean:F1}% compiled (geomean)");
            }
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
        return allCorrect ? 0 : 1;
    }

    private static string LocateCorpus()
    {
        var overridden = Environment.GetEnvironmentVariable("PARALOOM_BENCH_CORPUS");
        return string.IsNullOrEmpty(overridden) ? Path.Combine(Repository.SharedDirectory, "bench-corpus") : overridden;
    }

    private static double Geomean(List<double> values) => Math.Exp(values.Average(Math.Log));

    private static string Format(double? ms) => ms is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "n/a";

    private static string FormatRatio(double? ratio) => ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) + "x" : "n/a";
}
