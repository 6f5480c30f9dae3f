using System.CommandLine;
using System.Globalization;
using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Compute.Execution.Scripts;
using Paraloom.Wasm;
using Wasmtime;

namespace Paraloom.Cli.Commands;

/// <summary>`paraloom wasm`: run a module's export in the validators' sandbox (like `wasmtime run --invoke`) or spec scripts.</summary>
internal static class WasmCommand
{
    public static Command Create()
    {
        var wasm = new Command("wasm", "Run WebAssembly modules and spec scripts in the validators' sandbox (Wasmtime behind the admission gate)");
        wasm.Subcommands.Add(CreateRun());
        wasm.Subcommands.Add(CreateWast());
        return wasm;
    }

    private static Command CreateRun()
    {
        var file = new Argument<FileInfo>("file") { Description = "The .wasm module" };
        var arguments = new Argument<string[]>("args") { Description = "Arguments of the invoked function", Arity = ArgumentArity.ZeroOrMore };
        var invoke = new Option<string?>("--invoke") { Description = "The exported function to call (default: _start if exported)" };
        var fuel = new Option<long?>("--fuel") { Description = $"Fuel limit, Wasmtime's units (default {ResourceLimits.Default.Fuel})" };
        var maxMemory = new Option<long?>("--max-memory") { Description = $"Linear memory limit in bytes (default {ResourceLimits.Default.MemoryBytes})" };
        var timeout = new Option<double?>("--timeout") { Description = $"Wall-clock limit in seconds (default {ResourceLimits.Default.WallClock.TotalSeconds})" };
        var input = new Option<FileInfo?>("--input")
        {
            Description = "Run the module as a job on this input (the compute ABI's alloc and run, as a validator does); its output goes to stdout",
            HelpName = "FILE",
        };
        var outFile = new Option<FileInfo?>("--out") { Description = "With a job run, write the output bytes to this file", HelpName = "FILE" };
        var run = new Command("run", "Run a job program, or one export, exactly as a validator would: admission gate, stack instrumentation, Wasmtime")
        {
            file, arguments, invoke, input, outFile, fuel, maxMemory, timeout,
        };
        run.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var limits = ResourceLimits.Default;
                if (parse.GetValue(fuel) is { } f) limits = limits with { Fuel = f };
                if (parse.GetValue(maxMemory) is { } m) limits = limits with { MemoryBytes = m };
                if (parse.GetValue(timeout) is { } t) limits = limits with { WallClock = TimeSpan.FromSeconds(t) };
                var wasm = File.ReadAllBytes(parse.GetValue(file)!.FullName);
                if (JobInput(parse.GetValue(input), parse.GetValue(invoke), parse.GetValue(arguments) ?? [], wasm) is { } jobInput)
                {
                    using var bytes = OutputBytes.Open(parse.GetValue(outFile), output);
                    return WasmJobRun.RunAsync(wasm, jobInput, limits, bytes, error).GetAwaiter().GetResult();
                }
                using var engine = new SandboxEngine();
                return SandboxThread.Run(() => Run(engine, wasm, parse.GetValue(invoke), parse.GetValue(arguments) ?? [], limits, output, error));
            }
            catch (Exception e) when (e is ModuleException or WasmtimeException or IOException or UnauthorizedAccessException
                                          or ArgumentException or FormatException or OverflowException or InvalidOperationException)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return run;
    }

    /// <summary>The export a job program runs through (compute ABI v1: <c>run(input_ptr, input_len) -> i64</c>).</summary>
    private const string JobRunExport = "run";

    /// <summary>
    /// The input to run the module on as a job, or null to invoke an export: a job with <c>--input</c>, and also without
    /// one for a module that exports the ABI's <c>run</c> and no <c>_start</c> when no <c>--invoke</c> is given.
    /// </summary>
    /// <exception cref="ArgumentException">The options contradict each other, or there is nothing to run.</exception>
    private static byte[]? JobInput(FileInfo? input, string? invoke, string[] arguments, byte[] wasm)
    {
        if (input is not null)
        {
            if (invoke is not null || arguments.Length > 0)
            {
                throw new ArgumentException("--input runs the module as a job (its run export); it takes no --invoke or arguments");
            }
            return File.ReadAllBytes(input.FullName);
        }
        if (invoke is not null)
        {
            return null;
        }
        using var engine = new SandboxEngine();
        var exports = engine.Admit(wasm).Exports.Select(export => export.Name).ToHashSet(StringComparer.Ordinal);
        return exports.Contains("_start") ? null
            : exports.Contains(JobRunExport) ? []
            : throw new ArgumentException("nothing to run: pass --input FILE to run a job program, or --invoke NAME to call an export");
    }

    private static int Run(SandboxEngine engine, byte[] wasm, string? exportName, string[] arguments, ResourceLimits limits, TextWriter output, TextWriter error)
    {
        var admitted = engine.Admit(wasm);
        if (admitted.Imports.Count > 0)
        {
            var first = admitted.Imports[0];
            throw new InvalidOperationException($"the module imports '{first.ModuleName}.{first.Name}'; validators give modules no host functions");
        }
        var module = engine.Compile(admitted);
        using var store = new SandboxStore(engine, limits.Fuel, limits.MemoryBytes, DateTime.UtcNow + limits.WallClock, CancellationToken.None);
        try
        {
            var instance = SandboxStore.Call(null, () => store.Instantiate(module));
            var name = exportName ?? (instance.GetFunction("_start") is not null ? "_start" : null);
            if (name is not null)
            {
                var function = instance.GetFunction(name) ?? throw new InvalidOperationException($"the module exports no function \"{name}\"");
                if (arguments.Length != function.Parameters.Count)
                    throw new ArgumentException($"\"{name}\" takes {function.Parameters.Count} arguments, got {arguments.Length}");
                var values = function.Parameters.Select((kind, i) => Parse(kind, arguments[i])).ToArray();
                var returned = store.Invoke(instance, name, values);
                var results = function.Results.Count switch { 0 => [], 1 => [returned], _ => (object?[])returned! };
                foreach (var result in results) output.WriteLine(Format(result));
            }
            output.WriteLine($"fuel consumed: {store.FuelUsed}");
            return 0;
        }
        catch (SandboxTrap trap)
        {
            error.WriteLine($"error: wasm trap ({trap.Code})");
            output.WriteLine($"fuel consumed: {store.FuelUsed}");
            return 1;
        }
        catch (SandboxInterruptedException interrupted)
        {
            error.WriteLine($"error: {interrupted.Message}");
            output.WriteLine($"fuel consumed: {store.FuelUsed}");
            return 1;
        }
    }

    private static Command CreateWast()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "The .wast scripts", Arity = ArgumentArity.OneOrMore };
        var wast = new Command("wast", "Run WebAssembly spec scripts (converted with wabt's wast2json)") { files };
        wast.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var scratch = Directory.CreateTempSubdirectory("paraloom-wast-");
            try
            {
                int passed = 0, failed = 0;
                var skipped = new Dictionary<string, int>(StringComparer.Ordinal);
                using var engine = SandboxEngine.ForScripts();
                foreach (var file in parse.GetValue(files)!)
                {
                    var json = Wast2Json.Convert(file.FullName, Path.Combine(scratch.FullName, Path.GetFileNameWithoutExtension(file.Name)));
                    var result = ScriptRunner.Run(json, engine);
                    output.WriteLine($"{file.Name}: {result.Passed} passed, {result.Failed} failed{DescribeSkips(result.Skipped)}");
                    foreach (var failure in result.Failures) output.WriteLine($"  {failure}");
                    passed += result.Passed;
                    failed += result.Failed;
                    foreach (var (category, count) in result.Skipped) skipped[category] = skipped.GetValueOrDefault(category) + count;
                }
                output.WriteLine($"{passed} passed, {failed} failed{DescribeSkips(skipped)}");
                return failed == 0 ? 0 : 1;
            }
            catch (Exception e) when (e is ScriptException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
            finally
            {
                scratch.Delete(recursive: true);
            }
        });
        return wast;
    }

    private static string DescribeSkips(IReadOnlyDictionary<string, int> skipped) =>
        skipped.Count == 0 ? "" : " (skipped: " + string.Join(", ", skipped.Select(s => $"{s.Value} {s.Key}")) + ")";

    private static ValueBox Parse(ValueKind kind, string text) => kind switch
    {
        ValueKind.Int32 => text.StartsWith('-') ? int.Parse(text, CultureInfo.InvariantCulture) : (int)uint.Parse(text, CultureInfo.InvariantCulture),
        ValueKind.Int64 => text.StartsWith('-') ? long.Parse(text, CultureInfo.InvariantCulture) : (long)ulong.Parse(text, CultureInfo.InvariantCulture),
        ValueKind.Float32 => float.Parse(text, CultureInfo.InvariantCulture),
        ValueKind.Float64 => double.Parse(text, CultureInfo.InvariantCulture),
        _ => throw new ArgumentException($"arguments of type {kind} cannot be given on the command line"),
    };

    private static string Format(object? value) => value switch
    {
        int i => i.ToString(CultureInfo.InvariantCulture),
        long l => l.ToString(CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        null => "null",
        Function { IsNull: true } => "null",
        _ => "ref",
    };
}
