using System.Globalization;
using System.Text.Json;
using Paraloom.Wasm;
using Paraloom.Wasm.Instrumentation;
using Wasmtime;

namespace Paraloom.Compute.Execution.Scripts;

/// <summary>
/// Runs one spec script in wast2json's JSON form through the production path: every module passes the
/// admission gate (decoder, validator, limits, stack instrumentation) and runs on the sandbox's Wasmtime
/// engine. Scripts differ from jobs only in what a job may not have: imports (the spectest host module and
/// registered instances) and limits sized for the spec's memories and tables. Text-format modules are
/// skipped and counted (the gate takes binary modules only).
/// </summary>
public sealed class ScriptRunner
{
    /// <summary>The skip category of commands whose module is in the text format.</summary>
    public const string TextFormatSkip = "text-format module";

    private const string Skip = "\0skip:";

    private readonly string _directory;
    private readonly SandboxEngine _engine;
    private readonly SandboxStore _sandbox;
    private readonly Linker _linker;
    private readonly Dictionary<string, Instance> _named = new(StringComparer.Ordinal);
    private readonly List<Global> _heights = [];
    private readonly List<string> _failures = [];
    private readonly Dictionary<string, int> _skipped = new(StringComparer.Ordinal);
    private Instance? _current;
    private int _passed;

    private ScriptRunner(string jsonPath, SandboxEngine engine)
    {
        _directory = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        _engine = engine;
        _sandbox = new SandboxStore(engine, fuel: long.MaxValue / 2, maxMemoryBytes: 1L << 32,
            DateTime.UtcNow.AddMinutes(10), CancellationToken.None, maxTableElements: 10_000_000, maxInstances: 10_000);
        _linker = new Linker(engine.Wasmtime) { AllowShadowing = true };
        SpecTestHost.Define(_linker, _sandbox.Store);
    }

    /// <summary>Runs the script at <paramref name="jsonPath"/>; a command that fails is recorded, never thrown.</summary>
    public static ScriptResult Run(string jsonPath, SandboxEngine engine) => SandboxThread.Run(() =>
    {
        var runner = new ScriptRunner(jsonPath, engine);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
            foreach (var command in document.RootElement.GetProperty("commands").EnumerateArray())
            {
                runner.RunCommand(command);
            }
        }
        finally
        {
            runner._sandbox.Dispose();
        }
        var name = Path.GetFileNameWithoutExtension(jsonPath) + ".wast";
        return new ScriptResult(name, runner._passed, runner._failures.Count, runner._skipped, runner._failures);
    });

    private void RunCommand(JsonElement command)
    {
        var type = command.GetProperty("type").GetString()!;
        var line = command.TryGetProperty("line", out var l) ? l.GetInt32() : 0;
        try
        {
            var failure = type switch
            {
                "module" => DefineModule(command),
                "register" => Register(command),
                "action" => Action(command.GetProperty("action"), out _),
                "assert_return" => AssertReturn(command),
                "assert_trap" => AssertTrap(command, null),
                "assert_exhaustion" => AssertTrap(command, TrapCode.CallStackExhausted),
                "assert_invalid" => AssertModuleError(command, ModuleErrorKind.Invalid),
                "assert_malformed" => AssertModuleError(command, ModuleErrorKind.Malformed),
                "assert_unlinkable" => AssertUnlinkable(command),
                "assert_uninstantiable" => AssertTrap(command, null),
                _ => $"unknown command type {type}",
            };
            if (failure is null) _passed++;
            else if (failure.StartsWith(Skip, StringComparison.Ordinal)) _skipped[failure[Skip.Length..]] = _skipped.GetValueOrDefault(failure[Skip.Length..]) + 1;
            else _failures.Add($"line {line}: {type}: {failure}");
        }
        catch (Exception e) when (e is WasmtimeException or ModuleException or SandboxTrap or InvalidOperationException or ArgumentException)
        {
            _failures.Add($"line {line}: {type}: unexpected {e.GetType().Name}: {e.Message}");
        }
    }

    private static bool IsText(JsonElement command) =>
        command.TryGetProperty("module_type", out var moduleType) && moduleType.GetString() == "text";

    private Module Load(JsonElement command)
    {
        var admitted = _engine.Admit(File.ReadAllBytes(Path.Combine(_directory, command.GetProperty("filename").GetString()!)));
        return _engine.Compile(admitted);
    }

    private Instance Instantiate(Module module)
    {
        var instance = SandboxStore.Call(null, () => _linker.Instantiate(_sandbox.Store, module));
        _heights.Add(instance.GetGlobal(StackBudget.HeightExport)!);
        return instance;
    }

    private string? DefineModule(JsonElement command)
    {
        _current = Instantiate(Load(command));
        if (command.TryGetProperty("name", out var name)) _named[name.GetString()!] = _current;
        return null;
    }

    private string? Register(JsonElement command)
    {
        var instance = InstanceFor(command);
        var alias = command.GetProperty("as").GetString()!;
        foreach (var (name, function) in instance.GetFunctions()) _linker.Define(alias, name, function);
        foreach (var (name, global) in instance.GetGlobals().Where(g => g.Name != StackBudget.HeightExport)) _linker.Define(alias, name, global);
        foreach (var (name, memory) in instance.GetMemories()) _linker.Define(alias, name, memory);
        foreach (var (name, table) in instance.GetTables()) _linker.Define(alias, name, table);
        return null;
    }

    private Instance InstanceFor(JsonElement element)
    {
        if (element.TryGetProperty("module", out var module) || element.TryGetProperty("name", out module))
        {
            return _named.TryGetValue(module.GetString()!, out var named) ? named : throw new InvalidOperationException($"no module named {module.GetString()}");
        }
        return _current ?? throw new InvalidOperationException("no module has been instantiated");
    }

    private string? Action(JsonElement action, out object?[] results)
    {
        var instance = InstanceFor(action);
        var field = action.GetProperty("field").GetString()!;
        switch (action.GetProperty("type").GetString())
        {
            case "invoke":
                var function = instance.GetFunction(field) ?? throw new InvalidOperationException($"no exported function \"{field}\"");
                var args = action.GetProperty("args").EnumerateArray().Select(ParseValue).ToArray();
                // A trap skips the instrumentation's bookkeeping in every instance it unwound through.
                foreach (var height in _heights) height.SetValue(0);
                var returned = SandboxStore.Call(instance.GetGlobal(StackBudget.HeightExport), () => function.Invoke(args));
                results = function.Results.Count switch
                {
                    0 => [],
                    1 => [returned],
                    _ => (object?[])returned!,
                };
                return null;
            case "get":
                var global = instance.GetGlobal(field) ?? throw new InvalidOperationException($"no exported global \"{field}\"");
                results = [global.GetValue()];
                return null;
            default:
                throw new InvalidOperationException($"unknown action type {action.GetProperty("type").GetString()}");
        }
    }

    private string? AssertReturn(JsonElement command)
    {
        try
        {
            Action(command.GetProperty("action"), out var results);
            var expected = command.GetProperty("expected").EnumerateArray().ToArray();
            if (results.Length != expected.Length) return $"expected {expected.Length} results, got {results.Length}";
            for (var i = 0; i < results.Length; i++)
            {
                if (!Matches(results[i], expected[i])) return $"result {i}: expected {expected[i]}, got {Describe(results[i])}";
            }
            return null;
        }
        catch (SandboxTrap e)
        {
            return $"unexpected trap {e.Code}: {e.Message}";
        }
    }

    private string? AssertTrap(JsonElement command, TrapCode? code)
    {
        var text = command.TryGetProperty("text", out var t) ? t.GetString() : "";
        try
        {
            if (command.TryGetProperty("action", out var action)) Action(action, out _);
            else Instantiate(Load(command));
            return $"expected trap \"{text}\", but it returned";
        }
        catch (SandboxTrap e)
        {
            return code is null || e.Code == code ? null : $"expected {code} (\"{text}\"), got {e.Code}";
        }
    }

    private string? AssertModuleError(JsonElement command, ModuleErrorKind kind)
    {
        if (IsText(command)) return Skip + TextFormatSkip;
        var text = command.TryGetProperty("text", out var t) ? t.GetString() : "";
        try
        {
            Load(command);
            return $"expected a {kind} module (\"{text}\"), but the gate admitted it";
        }
        catch (ModuleException e)
        {
            return e.Kind == kind ? null : $"expected {kind} (\"{text}\"), got {e.Kind}: {e.Reason}";
        }
    }

    private string? AssertUnlinkable(JsonElement command)
    {
        var text = command.TryGetProperty("text", out var t) ? t.GetString() : "";
        var module = Load(command);
        try
        {
            Instantiate(module);
            return $"expected a link error (\"{text}\"), but it instantiated";
        }
        catch (SandboxTrap e)
        {
            return $"expected a link error (\"{text}\"), got trap {e.Code}";
        }
        catch (WasmtimeException)
        {
            return null;
        }
    }

    private static ValueBox ParseValue(JsonElement element)
    {
        var type = element.GetProperty("type").GetString();
        var text = element.GetProperty("value").GetString()!;
        return type switch
        {
            "i32" => (int)uint.Parse(text, CultureInfo.InvariantCulture),
            "i64" => (long)ulong.Parse(text, CultureInfo.InvariantCulture),
            "f32" => BitConverter.UInt32BitsToSingle(uint.Parse(text, CultureInfo.InvariantCulture)),
            "f64" => BitConverter.UInt64BitsToDouble(ulong.Parse(text, CultureInfo.InvariantCulture)),
            "externref" => ValueBox.AsBox<object>(text == "null" ? null : new HostReference(ulong.Parse(text, CultureInfo.InvariantCulture))),
            "funcref" => text == "null" ? (Function?)null : throw new InvalidOperationException("only null funcref arguments are supported"),
            _ => throw new InvalidOperationException($"unsupported value type {type}"),
        };
    }

    private static bool Matches(object? actual, JsonElement expected)
    {
        var type = expected.GetProperty("type").GetString();
        var text = expected.TryGetProperty("value", out var v) ? v.GetString() : null;
        switch (type)
        {
            case "i32": return actual is int i && (uint)i == uint.Parse(text!, CultureInfo.InvariantCulture);
            case "i64": return actual is long l && (ulong)l == ulong.Parse(text!, CultureInfo.InvariantCulture);
            case "f32":
            {
                if (actual is not float f) return false;
                var bits = BitConverter.SingleToUInt32Bits(f);
                return text switch
                {
                    "nan:canonical" => (bits & 0x7FFFFFFF) == 0x7FC00000,
                    "nan:arithmetic" => (bits & 0x7FC00000) == 0x7FC00000,
                    _ => bits == uint.Parse(text!, CultureInfo.InvariantCulture),
                };
            }
            case "f64":
            {
                if (actual is not double d) return false;
                var bits = BitConverter.DoubleToUInt64Bits(d);
                return text switch
                {
                    "nan:canonical" => (bits & 0x7FFFFFFFFFFFFFFF) == 0x7FF8000000000000,
                    "nan:arithmetic" => (bits & 0x7FF8000000000000) == 0x7FF8000000000000,
                    _ => bits == ulong.Parse(text!, CultureInfo.InvariantCulture),
                };
            }
            case "externref":
                if (text is null) return actual is not null;
                return text == "null" ? actual is null : actual is HostReference h && h.Id == ulong.Parse(text, CultureInfo.InvariantCulture);
            case "funcref":
                var isNull = actual is null || (actual is Function function && function.IsNull);
                return text == "null" ? isNull : !isNull;
            default:
                return false;
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        float f => $"f32 0x{BitConverter.SingleToUInt32Bits(f):x}",
        double d => $"f64 0x{BitConverter.DoubleToUInt64Bits(d):x}",
        _ => $"{value.GetType().Name} {value}",
    };
}
