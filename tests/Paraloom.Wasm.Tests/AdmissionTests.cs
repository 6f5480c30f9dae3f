using System.Security.Cryptography;
using Paraloom.Wasm.Instrumentation;
using Paraloom.Wasm.Tests.Support;
using static Paraloom.Wasm.Tests.Support.ModuleBuilder;
using static Paraloom.Wasm.Tests.Support.Wasm;

namespace Paraloom.Wasm.Tests;

/// <summary>The admission gate's contract beyond validation: what it reports and what it hands the engine.</summary>
public sealed class AdmissionTests
{
    private static byte[] AddModule()
    {
        var builder = new ModuleBuilder().Memory(1);
        var type = builder.Type([I32, I32], [I32]);
        builder.Export("add", builder.Function(type, Concat(LocalGet(0), LocalGet(1), I32Add)));
        return builder.Build();
    }

    [Fact]
    public void The_module_hash_is_of_the_submitted_bytes_and_the_engine_gets_the_instrumented_module()
    {
        var wasm = AddModule();
        var admitted = ModuleAdmission.Admit(wasm);
        Assert.Equal(SHA256.HashData(wasm), admitted.Sha256.ToArray());
        Assert.Equal(SHA256.HashData(admitted.InstrumentedBytes.Span), admitted.InstrumentedSha256.ToArray());
        Assert.NotEqual(admitted.Sha256.ToArray(), admitted.InstrumentedSha256.ToArray());
        // The instrumented module decodes and validates; the gate then stops it only for carrying the height export.
        var again = Assert.Throws<ModuleException>(() => ModuleAdmission.Admit(admitted.InstrumentedBytes.Span));
        Assert.Contains(StackBudget.HeightExport, again.Message);
    }

    [Fact]
    public void Exports_are_reported_with_their_function_types_and_without_the_instrumentation()
    {
        var admitted = ModuleAdmission.Admit(AddModule());
        Assert.Equal(["memory", "add"], admitted.Exports.Select(e => e.Name));
        Assert.Equal(new FunctionType([ValueType.I32, ValueType.I32], [ValueType.I32]), admitted.Exports[1].FunctionType);
        Assert.Null(admitted.Exports[0].FunctionType);
    }

    [Fact]
    public void The_reserved_export_name_is_refused()
    {
        var builder = new ModuleBuilder();
        var type = builder.Type([], []);
        builder.Export(StackBudget.HeightExport, builder.Function(type, []));
        var error = Assert.Throws<ModuleException>(() => ModuleAdmission.Admit(builder.Build()));
        Assert.Equal(ModuleErrorKind.Invalid, error.Kind);
        Assert.Contains("reserved", error.Message);
    }

    [Fact]
    public void Instrumentation_is_deterministic()
    {
        var wasm = AddModule();
        Assert.Equal(ModuleAdmission.Admit(wasm).InstrumentedBytes.ToArray(), ModuleAdmission.Admit(wasm).InstrumentedBytes.ToArray());
    }
}
