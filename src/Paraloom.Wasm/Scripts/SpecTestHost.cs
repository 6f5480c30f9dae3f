namespace Paraloom.Wasm.Scripts;

/// <summary>The "spectest" host module the spec scripts import from.</summary>
public static class SpecTestHost
{
    /// <summary>Defines spectest's functions, globals, table and memory in <paramref name="store"/>, keyed as imports.</summary>
    public static Dictionary<(string Module, string Name), Extern> Create(Store store, TextWriter? output = null)
    {
        Extern Print(params ValueType[] parameters) => new Function(store, new FunctionType(parameters, []), args =>
        {
            output?.WriteLine($"spectest print: {string.Join(", ", args.ToArray())}");
            return [];
        });

        return new Dictionary<(string, string), Extern>
        {
            [("spectest", "print")] = Print(),
            [("spectest", "print_i32")] = Print(ValueType.I32),
            [("spectest", "print_i64")] = Print(ValueType.I64),
            [("spectest", "print_f32")] = Print(ValueType.F32),
            [("spectest", "print_f64")] = Print(ValueType.F64),
            [("spectest", "print_i32_f32")] = Print(ValueType.I32, ValueType.F32),
            [("spectest", "print_f64_f64")] = Print(ValueType.F64, ValueType.F64),
            [("spectest", "global_i32")] = new Global(store, ValueType.I32, false, Value.I32(666)),
            [("spectest", "global_i64")] = new Global(store, ValueType.I64, false, Value.I64(666)),
            [("spectest", "global_f32")] = new Global(store, ValueType.F32, false, Value.F32(666.6f)),
            [("spectest", "global_f64")] = new Global(store, ValueType.F64, false, Value.F64(666.6)),
            [("spectest", "table")] = new Table(store, ValueType.FuncRef, 10, 20),
            [("spectest", "memory")] = new Memory(store, 1, 2),
        };
    }
}
