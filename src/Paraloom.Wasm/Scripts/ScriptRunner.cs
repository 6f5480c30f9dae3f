using System.Globalization;
using System.Text.Json;

namespace Paraloom.Wasm.Scripts;

/// <summary>
/// Runs one spec script in wast2json's JSON form: every command, with the spectest host module.
/// Text-format assert_malformed commands are skipped (this is a binary-only engine).
/// </summary>
public sealed class ScriptRunner
{
    private readonly string _directory;
    private readonly Engine _engine;
    private readonly Store _store;
    private readonly Dictionary<(string Module, string Name), Extern> _imports;
    private readonly Dictionary<string, Instance> _named = new(StringComparer.Ordinal);
    private readonly List<string> _failures = [];
    private Instance? _current;
    private int _passed;
    private int _skipped;

    private ScriptRunner(string jsonPath, Engine engine)
    {
        _directory = Path.GetDirectoryName(Path.GetFullPath(jsonPath))!;
        _engine = engine;
        // Scripts grow memories and tables up to the spec's limits, beyond a job's defaults.
        _store = new Store(engine, new StoreLimits { MaxMemoryBytes = 1L << 31, MaxTableElements = 10_000_000 });
        _imports = SpecTestHost.Create(_store);
    }

    /// <summary>Runs the script at <paramref name="jsonPath"/>; a command that fails is recorded, never thrown.</summary>
    public static ScriptResult Run(string jsonPath, Engine? engine = null)
    {
        var runner = new ScriptRunner(jsonPath, engine ?? new Engine());
        using var document = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
        foreach (var command in document.RootElement.GetProperty("commands").EnumerateArray())
        {
            runner.RunCommand(command);
        }
        var name = Path.GetFileNameWithoutExtension(jsonPath) + ".wast";
        return new ScriptResult(name, runner._passed, runner._failures.Count, runner._skipped, runner._failures);
    }

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
                "action" => RunAction(command.GetProperty("action"), out _),
                "assert_return" => AssertReturn(command),
                "assert_trap" => AssertTrap(command, TrapCode.Unreachable, anyTrap: true),
                "assert_exhaustion" => AssertTrap(command, TrapCode.StackExhausted, anyTrap: false),
                "assert_invalid" => AssertModuleError(command, ModuleErrorKind.Invalid),
                "assert_malformed" => AssertMalformed(command),
                "assert_unlinkable" => AssertInstantiationError<LinkException>(command),
                "assert_uninstantiable" => AssertInstantiationError<TrapException>(command),
                _ => $"unknown command type {type}",
            };
            if (failure is null) _passed++;
            else if (failure == Skip) _skipped++;
            else _failures.Add($"line {line}: {type}: {failure}");
        }
        catch (Exception e) when (e is WasmException or ArgumentException or InvalidOperationException)
        {
            _failures.Add($"line {line}: {type}: unexpected {e.GetType().Name}: {e.Message}");
        }
    }

    private const string Skip = "\0skip";

    private Module LoadModule(JsonElement command) =>
        Module.FromBytes(_engine, File.ReadAllBytes(Path.Combine(_directory, command.GetProperty("filename").GetString()!)));

    private string? DefineModule(JsonElement command)
    {
        var instance = Instance.Create(_store, LoadModule(command), _imports);
        _current = instance;
        if (command.TryGetProperty("name", out var name)) _named[name.GetString()!] = instance;
        return null;
    }

    private string? Register(JsonElement command)
    {
        var instance = InstanceFor(command);
        var alias = command.GetProperty("as").GetString()!;
        foreach (var (name, item) in instance.Exports) _imports[(alias, name)] = item;
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

    private string? RunAction(JsonElement action, out Value[] results)
    {
        var instance = InstanceFor(action);
        var field = action.GetProperty("field").GetString()!;
        switch (action.GetProperty("type").GetString())
        {
            case "invoke":
                var function = instance.GetFunction(field) ?? throw new InvalidOperationException($"no exported function \"{field}\"");
                var args = action.GetProperty("args").EnumerateArray().Select(ParseValue).ToArray();
                results = function.Invoke(args);
                return null;
            case "get":
                var global = instance.GetGlobal(field) ?? throw new InvalidOperationException($"no exported global \"{field}\"");
                results = [global.Value];
                return null;
            default:
                throw new InvalidOperationException($"unknown action type {action.GetProperty("type").GetString()}");
        }
    }

    private string? AssertReturn(JsonElement command)
    {
        try
        {
            RunAction(command.GetProperty("action"), out var results);
            var expected = command.GetProperty("expected").EnumerateArray().ToArray();
            if (results.Length != expected.Length) return $"expected {expected.Length} results, got {results.Length}";
            for (var i = 0; i < results.Length; i++)
            {
                if (!Matches(results[i], expected[i])) return $"result {i}: expected {expected[i]}, got {results[i]} (bits {Describe(results[i])})";
            }
            return null;
        }
        catch (TrapException e)
        {
            return $"unexpected trap: {e.Message}";
        }
    }

    private string? AssertTrap(JsonElement command, TrapCode code, bool anyTrap)
    {
        var text = command.TryGetProperty("text", out var t) ? t.GetString() : "";
        try
        {
            if (command.TryGetProperty("action", out var action)) RunAction(action, out _);
            else Instance.Create(_store, LoadModule(command), _imports);
            return $"expected trap \"{text}\", but it returned";
        }
        catch (TrapException e)
        {
            return anyTrap || e.Code == code ? null : $"expected {code} (\"{text}\"), got {e.Code}";
        }
    }

    private string? AssertModuleError(JsonElement command, ModuleErrorKind kind)
    {
        var text = command.TryGetProperty("text", out var t) ? t.GetString() : "";
        try
        {
            LoadModule(command);
            return $"expected a {kind} module (\"{text}\"), but it loaded";
        }
        catch (ModuleException e)
        {
            return e.Kind == kind ? null : $"expected {kind} (\"{text}\"), got {e.Kind}: {e.Reason}";
        }
    }

    private string? AssertMalformed(JsonElement command) =>
        command.TryGetProperty("module_type", out var moduleType) && moduleType.GetString() == "text"
            ? Skip
            : AssertModuleError(command, ModuleErrorKind.Malformed);

    private string? AssertInstantiationError<TException>(JsonElement command) where TException : WasmException
    {
        var text = command.TryGetProperty("text", out var t) ? t.GetString() : "";
        try
        {
            Instance.Create(_store, LoadModule(command), _imports);
            return $"expected {typeof(TException).Name} (\"{text}\"), but it instantiated";
        }
        catch (TException)
        {
            return null;
        }
        catch (WasmException e)
        {
            return $"expected {typeof(TException).Name} (\"{text}\"), got {e.GetType().Name}: {e.Message}";
        }
    }

    private static Value ParseValue(JsonElement element)
    {
        var type = element.GetProperty("type").GetString();
        var text = element.GetProperty("value").GetString()!;
        return type switch
        {
            "i32" => Value.I32((int)uint.Parse(text, CultureInfo.InvariantCulture)),
            "i64" => Value.I64((long)ulong.Parse(text, CultureInfo.InvariantCulture)),
            "f32" => Value.F32Bits(uint.Parse(text, CultureInfo.InvariantCulture)),
            "f64" => Value.F64Bits(ulong.Parse(text, CultureInfo.InvariantCulture)),
            "externref" => Value.ExternRef(text == "null" ? null : new HostReference(ulong.Parse(text, CultureInfo.InvariantCulture))),
            "funcref" => text == "null" ? Value.FuncRef(null) : throw new InvalidOperationException("only null funcref arguments are supported"),
            _ => throw new InvalidOperationException($"unsupported value type {type}"),
        };
    }

    private static bool Matches(Value actual, JsonElement expected)
    {
        var type = expected.GetProperty("type").GetString();
        var text = expected.TryGetProperty("value", out var v) ? v.GetString() : null;
        switch (type)
        {
            case "i32": return actual.Type == ValueType.I32 && (uint)actual.AsI32() == uint.Parse(text!, CultureInfo.InvariantCulture);
            case "i64": return actual.Type == ValueType.I64 && (ulong)actual.AsI64() == ulong.Parse(text!, CultureInfo.InvariantCulture);
            case "f32":
            {
                if (actual.Type != ValueType.F32) return false;
                var bits = (uint)actual.Bits;
                return text switch
                {
                    "nan:canonical" => (bits & 0x7FFFFFFF) == 0x7FC00000,
                    "nan:arithmetic" => (bits & 0x7FC00000) == 0x7FC00000,
                    _ => bits == uint.Parse(text!, CultureInfo.InvariantCulture),
                };
            }
            case "f64":
            {
                if (actual.Type != ValueType.F64) return false;
                var bits = actual.Bits;
                return text switch
                {
                    "nan:canonical" => (bits & 0x7FFFFFFFFFFFFFFF) == 0x7FF8000000000000,
                    "nan:arithmetic" => (bits & 0x7FF8000000000000) == 0x7FF8000000000000,
                    _ => bits == ulong.Parse(text!, CultureInfo.InvariantCulture),
                };
            }
            case "externref":
                if (actual.Type != ValueType.ExternRef) return false;
                if (text is null) return !actual.IsNull;
                return text == "null" ? actual.IsNull : actual.AsExternRef() is HostReference h && h.Id == ulong.Parse(text, CultureInfo.InvariantCulture);
            case "funcref":
                if (actual.Type != ValueType.FuncRef) return false;
                return text == "null" ? actual.IsNull : !actual.IsNull;
            default:
                return false;
        }
    }

    private static string Describe(Value value) => value.Type.IsReference() ? (value.IsNull ? "null" : "non-null") : $"0x{value.Bits:x}";
}
