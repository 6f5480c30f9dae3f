using System.CommandLine;
using System.Globalization;
using Paraloom.Wasm;
using Paraloom.Wasm.Scripts;

namespace Paraloom.Cli.Commands;

/// <summary>`paraloom wasm`: run a module's export (like `wasmtime run --invoke`) or spec scripts.</summary>
internal static class WasmCommand
{
    public static Command Create()
    {
        var wasm = new Command("wasm", "Run WebAssembly modules and spec scripts on the Paraloom engine");
        wasm.Subcommands.Add(CreateRun());
        wasm.Subcommands.Add(CreateWast());
        return wasm;
    }

    private static Command CreateRun()
    {
        var file = new Argument<FileInfo>("file") { Description = "The .wasm module" };
        var arguments = new Argument<string[]>("args") { Description = "Arguments of the invoked function", Arity = ArgumentArity.ZeroOrMore };
        var invoke = new Option<string?>("--invoke") { Description = "The exported function to call (default: _start if exported)" };
        var fuel = new Option<long?>("--fuel") { Description = "Fuel limit (1 unit per instruction)" };
        var maxMemory = new Option<long?>("--max-memory") { Description = "Linear memory limit in bytes" };
        var timeout = new Option<double?>("--timeout") { Description = "Wall-clock limit in seconds" };
        var tier = new Option<ExecutionTier>("--tier")
        {
            Description = "Execution tier: Interpreter or Compiled (same results and fuel, different speed)",
            DefaultValueFactory = _ => new EngineConfig().Tier,
        };
        var run = new Command("run", "Instantiate a module and invoke one of its exports") { file, arguments, invoke, fuel, maxMemory, timeout, tier };
        run.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var limits = StoreLimits.Default;
                if (parse.GetValue(fuel) is { } f) limits = limits with { Fuel = f };
                if (parse.GetValue(maxMemory) is { } m) limits = limits with { MaxMemoryBytes = m };
                var engine = new Engine(new EngineConfig { Tier = parse.GetValue(tier) });
                return Run(engine, parse.GetValue(file)!, parse.GetValue(invoke), parse.GetValue(arguments) ?? [], limits, parse.GetValue(timeout), output, error);
            }
            catch (Exception e) when (e is WasmException or IOException or UnauthorizedAccessException or ArgumentException or FormatException or OverflowException)
            {
                error.WriteLine($"error: {e.Message}");
                return 2;
            }
        });
        return run;
    }

    private static int Run(Engine engine, FileInfo file, string? exportName, string[] arguments, StoreLimits limits, double? timeoutSeconds, TextWriter output, TextWriter error)
    {
        var module = engine.LoadModule(File.ReadAllBytes(file.FullName));
        var store = new Store(engine, limits);
        if (timeoutSeconds is { } seconds) store.SetDeadline(DateTime.UtcNow.AddSeconds(seconds));
        try
        {
            var instance = Instance.Create(store, module);
            var name = exportName ?? (instance.GetFunction("_start") is not null ? "_start" : null);
            if (name is not null)
            {
                var function = instance.GetFunction(name) ?? throw new WasmException($"the module exports no function \"{name}\"");
                var parameters = function.Type.Parameters;
                if (arguments.Length != parameters.Count)
                    throw new WasmException($"\"{name}\" takes {parameters.Count} arguments ({function.Type}), got {arguments.Length}");
                var values = parameters.Select((type, i) => Parse(type, arguments[i])).ToArray();
                foreach (var result in function.Invoke(values)) output.WriteLine(Format(result));
            }
            output.WriteLine($"fuel consumed: {store.FuelConsumed}");
            return 0;
        }
        catch (TrapException trap)
        {
            error.WriteLine($"error: wasm trap ({trap.Code}): {trap.Message}");
            output.WriteLine($"fuel consumed: {store.FuelConsumed}");
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
                int passed = 0, failed = 0, skipped = 0;
                var engine = new Engine();
                foreach (var file in parse.GetValue(files)!)
                {
                    var json = Wast2Json.Convert(file.FullName, Path.Combine(scratch.FullName, Path.GetFileNameWithoutExtension(file.Name)));
                    var result = ScriptRunner.Run(json, engine);
                    output.WriteLine($"{file.Name}: {result.Passed} passed, {result.Failed} failed" + (result.Skipped > 0 ? $", {result.Skipped} skipped (text format)" : ""));
                    foreach (var failure in result.Failures) output.WriteLine($"  {failure}");
                    passed += result.Passed;
                    failed += result.Failed;
                    skipped += result.Skipped;
                }
                output.WriteLine($"total: {passed} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped (text format)" : ""));
                return failed == 0 ? 0 : 1;
            }
            catch (Exception e) when (e is WasmException or IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
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

    private static Value Parse(Paraloom.Wasm.ValueType type, string text) => type switch
    {
        Paraloom.Wasm.ValueType.I32 => Value.I32(text.StartsWith('-') ? int.Parse(text, CultureInfo.InvariantCulture) : (int)uint.Parse(text, CultureInfo.InvariantCulture)),
        Paraloom.Wasm.ValueType.I64 => Value.I64(text.StartsWith('-') ? long.Parse(text, CultureInfo.InvariantCulture) : (long)ulong.Parse(text, CultureInfo.InvariantCulture)),
        Paraloom.Wasm.ValueType.F32 => Value.F32(float.Parse(text, CultureInfo.InvariantCulture)),
        Paraloom.Wasm.ValueType.F64 => Value.F64(double.Parse(text, CultureInfo.InvariantCulture)),
        _ => throw new WasmException($"arguments of type {type} cannot be given on the command line"),
    };

    private static string Format(Value value) => value.Type switch
    {
        Paraloom.Wasm.ValueType.I32 => value.AsI32().ToString(CultureInfo.InvariantCulture),
        Paraloom.Wasm.ValueType.I64 => value.AsI64().ToString(CultureInfo.InvariantCulture),
        Paraloom.Wasm.ValueType.F32 => value.AsF32().ToString("R", CultureInfo.InvariantCulture),
        Paraloom.Wasm.ValueType.F64 => value.AsF64().ToString("R", CultureInfo.InvariantCulture),
        _ => value.IsNull ? "null" : "ref",
    };
}
