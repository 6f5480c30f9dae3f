using System.Globalization;
using Paraloom.Compute.Execution;
using Wasmtime;

namespace Paraloom.Benchmarks.Corpus;

/// <summary>
/// `ablation [check|small|full] [REPS]`: every corpus program under each <see cref="AblationVariant"/> (the validators'
/// configuration with one setting changed), native clang -O2 and V8 in the same run, interleaved round by round;
/// prints each run() time as a ratio to native (best of REPS) and a geomean row. Outputs are checked against expected/.
/// </summary>
internal static class AblationBench
{
    public const string Command = "ablation";

    public static int Run(string[] args)
    {
        var size = args.Length > 0 ? args[0] : "small";
        var repetitions = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var variants = AblationVariant.All;
        var engines = variants.Select(v => new SandboxEngine(v.Settings)).ToArray();
        var scratch = Directory.CreateTempSubdirectory("paraloom-ablation-").FullName;
        var allCorrect = true;
        var columns = new List<string> { "V8" };
        columns.AddRange(variants.Select(v => v.Name));
        var ratios = columns.ToDictionary(c => c, _ => new List<double>());

        Console.WriteLine($"ablation, '{size}' inputs, best of {repetitions} interleaved rounds; run() time ÷ native clang -O2 in the same run");
        Console.WriteLine($"{"program",-10} {"native ms",10} " + string.Join(" ", columns.Select(c => $"{c,15}")));
        try
        {
            foreach (var (corpus, program) in CorpusBench.Programs())
            {
                var inputPath = Path.Combine(corpus, "inputs", $"{program}-{size}.bin");
                var input = File.ReadAllBytes(inputPath);
                var wasm = File.ReadAllBytes(Path.Combine(corpus, "build", program + ".wasm"));
                var expected = File.ReadAllText(Path.Combine(corpus, "expected", $"{program}-{size}.hex")).Trim();
                var modules = SandboxThread.Run(() => variants.Select((v, i) => v.Compile(engines[i], wasm)).ToArray());
                Measurement? native = null, node = null;
                var best = new Measurement?[variants.Count];
                for (var round = 0; round < repetitions; round++)
                {
                    native = Best(native, CorpusRunners.Native(corpus, program, inputPath, 1, 1, scratch));
                    node = Best(node, CorpusRunners.Node(corpus, program, inputPath, 1, 1));
                    for (var i = 0; i < variants.Count; i++)
                    {
                        var (variant, engine, module) = (variants[i], engines[i], modules[i]);
                        best[i] = Best(best[i], SandboxThread.Run(() => CorpusRunners.TimeRun(program, input, 1, 1, () =>
                        {
                            var store = variant.NewStore(engine);
                            return (store, new Instance(store, module, []));
                        })));
                    }
                }
                var outputs = best.Select(m => m!.OutputHex).Append(native?.OutputHex ?? expected).Append(node?.OutputHex ?? expected);
                var correct = outputs.All(o => o == expected);
                allCorrect &= correct;
                var row = new List<double?> { Ratio(node, native) };
                row.AddRange(best.Select(m => Ratio(m, native)));
                for (var c = 0; c < columns.Count; c++)
                {
                    if (row[c] is { } r) ratios[columns[c]].Add(r);
                }
                Console.WriteLine($"{program,-10} {Format(native?.BestMs),10} " + string.Join(" ", row.Select(r => $"{FormatRatio(r),15}"))
                                  + (correct ? "" : "  MISMATCH"));
            }
            Console.WriteLine($"{"geomean",-10} {"",10} " + string.Join(" ", columns.Select(c => $"{FormatRatio(Geomean(ratios[c])),15}")));
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
            foreach (var engine in engines) engine.Dispose();
        }
        return allCorrect ? 0 : 1;
    }

    private static Measurement? Best(Measurement? best, Measurement? next) =>
        best is null || (next is not null && next.BestMs < best.BestMs) ? next ?? best : best;

    private static double? Ratio(Measurement? m, Measurement? native) => m is null || native is null ? null : m.BestMs / native.BestMs;

    private static double? Geomean(List<double> values) => values.Count == 0 ? null : Math.Exp(values.Average(Math.Log));

    private static string Format(double? ms) => ms is { } v ? v.ToString("F1", CultureInfo.InvariantCulture) : "n/a";

    private static string FormatRatio(double? ratio) => ratio is { } r ? r.ToString("F2", CultureInfo.InvariantCulture) + "x" : "n/a";
}
