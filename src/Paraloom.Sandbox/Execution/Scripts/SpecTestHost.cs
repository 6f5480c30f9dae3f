using Wasmtime;

namespace Paraloom.Compute.Execution.Scripts;

/// <summary>
/// The "spectest" host module the spec scripts import from. Only scripts get it: job modules may import nothing.
/// </summary>
internal static class SpecTestHost
{
    public static void Define(Linker linker, Store store)
    {
        linker.Define("spectest", "print", Function.FromCallback(store, () => { }));
        linker.Define("spectest", "print_i32", Function.FromCallback(store, (int _) => { }));
        linker.Define("spectest", "print_i64", Function.FromCallback(store, (long _) => { }));
        linker.Define("spectest", "print_f32", Function.FromCallback(store, (float _) => { }));
        linker.Define("spectest", "print_f64", Function.FromCallback(store, (double _) => { }));
        linker.Define("spectest", "print_i32_f32", Function.FromCallback(store, (int _, float _) => { }));
        linker.Define("spectest", "print_f64_f64", Function.FromCallback(store, (double _, double _) => { }));
        linker.Define("spectest", "global_i32", new Global(store, ValueKind.Int32, 666, Mutability.Immutable));
        linker.Define("spectest", "global_i64", new Global(store, ValueKind.Int64, 666L, Mutability.Immutable));
        linker.Define("spectest", "global_f32", new Global(store, ValueKind.Float32, 666.6f, Mutability.Immutable));
        linker.Define("spectest", "global_f64", new Global(store, ValueKind.Float64, 666.6, Mutability.Immutable));
        linker.Define("spectest", "table", new Table(store, TableKind.FuncRef, null, 10, 20));
        linker.Define("spectest", "memory", new Memory(store, 1, 2));
    }
}
