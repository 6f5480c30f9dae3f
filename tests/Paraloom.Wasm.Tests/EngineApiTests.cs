using Paraloom.Wasm.Tests.Support;
using static Paraloom.Wasm.Tests.Support.ModuleBuilder;
using static Paraloom.Wasm.Tests.Support.Wasm;

namespace Paraloom.Wasm.Tests;

public sealed class EngineApiTests
{
    private static (Store Store, Function Function) Single(Engine engine, byte[] parameters, byte[] results, byte[] body, StoreLimits? limits = null)
    {
        var builder = new ModuleBuilder();
        builder.Export("f", builder.Function(builder.Type(parameters, results), body));
        var store = new Store(engine, limits);
        return (store, Instance.Create(store, engine.LoadModule(builder.Build())).GetFunction("f")!);
    }

    [Fact]
    public void Fuel_is_one_unit_per_instruction_with_nop_drop_block_loop_end_free()
    {
        // local.get, i32.const, i32.add = 3; nop, block, end, drop cost nothing; i32.const before drop = 1.
        var body = Concat([0x01], BlockVoid, End, I32Const(9), Drop, LocalGet(0), I32Const(1), I32Add);
        var (store, f) = Single(new Engine(), [I32], [I32], body);
        Assert.Equal(42, f.Invoke(Value.I32(41))[0].AsI32());
        Assert.Equal(4, store.FuelConsumed);
    }

    [Fact]
    public void Loads_the_same_module_once_per_distinct_bytes()
    {
        var engine = new Engine();
        var builder = new ModuleBuilder();
        builder.Export("f", builder.Function(builder.Type([], []), []));
        var wasm = builder.Build();
        Assert.Same(engine.LoadModule(wasm), engine.LoadModule(wasm));
        Assert.Equal(System.Security.Cryptography.SHA256.HashData(wasm), engine.LoadModule(wasm).Sha256);
        Assert.NotSame(engine.LoadModule(wasm), Module.FromBytes(engine, wasm));
    }

    [Fact]
    public void Arithmetic_nans_are_canonical_by_default_and_bitwise_ops_keep_payloads()
    {
        // f32.div(0, 0) and f32.neg of a payload NaN.
        var div = Concat([0x43, 0, 0, 0, 0], [0x43, 0, 0, 0, 0], [0x95], [0xBC]);
        Assert.Equal(0x7FC00000, Single(new Engine(), [], [I32], div).Function.Invoke()[0].AsI32());
        var neg = Concat([0x43, 0x01, 0x00, 0xA0, 0x7F], [0x8C], [0xBC]);
        Assert.Equal(unchecked((int)0xFFA00001), Single(new Engine(), [], [I32], neg).Function.Invoke()[0].AsI32());
    }

    [Fact]
    public void Without_canonicalization_nans_are_still_nans()
    {
        var div = Concat([0x43, 0, 0, 0, 0], [0x43, 0, 0, 0, 0], [0x95]);
        var engine = new Engine(new EngineConfig { CanonicalizeNaNs = false });
        Assert.True(float.IsNaN(Single(engine, [], [F32], div).Function.Invoke()[0].AsF32()));
    }

    [Fact]
    public void Traps_carry_their_code()
    {
        var (_, f) = Single(new Engine(), [I32], [I32], Concat(I32Const(1), LocalGet(0), [0x6D]));
        Assert.Equal(TrapCode.IntegerDivideByZero, Assert.Throws<TrapException>(() => f.Invoke(Value.I32(0))).Code);
        Assert.Equal(1, f.Invoke(Value.I32(1))[0].AsI32());
    }

    [Fact]
    public void Invoke_rejects_arguments_of_the_wrong_type()
    {
        var (_, f) = Single(new Engine(), [I32], [I32], LocalGet(0));
        Assert.Throws<ArgumentException>(() => f.Invoke(Value.I64(1)));
        Assert.Throws<ArgumentException>(() => f.Invoke());
    }

    [Fact]
    public void Host_functions_can_be_imported_and_called()
    {
        var engine = new Engine();
        var store = new Store(engine);
        var calls = 0;
        var host = new Function(store, new FunctionType([], []), _ => { calls++; return []; });
        var wasm = new byte[]
        {
            0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
            0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
            0x02, 0x07, 0x01, 0x01, (byte)'m', 0x01, (byte)'h', 0x00, 0x00,
            0x03, 0x02, 0x01, 0x00,
            0x07, 0x05, 0x01, 0x01, (byte)'f', 0x00, 0x01,
            0x0A, 0x08, 0x01, 0x06, 0x00, 0x10, 0x00, 0x10, 0x00, 0x0B,
        };
        var instance = new Linker().Define("m", "h", host).Instantiate(store, engine.LoadModule(wasm));
        instance.GetFunction("f")!.Invoke();
        Assert.Equal(2, calls);
        Assert.Throws<LinkException>(() => new Linker().Instantiate(new Store(engine), engine.LoadModule(wasm)));
    }

    [Fact]
    public void Memory_helpers_check_bounds()
    {
        var builder = new ModuleBuilder().Memory(1);
        var store = new Store(new Engine());
        var memory = Instance.Create(store, store.Engine.LoadModule(builder.Build())).GetMemory("memory")!;
        memory.WriteInt32(65532, 7);
        Assert.Equal(7, memory.ReadInt32(65532));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.ReadInt32(65533));
        Assert.Throws<ArgumentOutOfRangeException>(() => memory.Write(-1, [1]));
        Assert.Equal(1, memory.Pages);
    }

    [Fact]
    public void Module_errors_have_a_kind_and_a_message()
    {
        var error = Assert.Throws<ModuleException>(() => Module.FromBytes(new Engine(), [0, 0x61, 0x73, 0x6D, 2, 0, 0, 0]));
        Assert.Equal(ModuleErrorKind.Malformed, error.Kind);
        Assert.Contains("version", error.Message);
        var builder = new ModuleBuilder();
        builder.Function(builder.Type([], [I32]), I32Const(1).Concat(I32Const(1)).ToArray());
        Assert.Equal(ModuleErrorKind.Invalid, Assert.Throws<ModuleException>(() => Module.FromBytes(new Engine(), builder.Build())).Kind);
    }

    [Fact]
    public void One_engine_serves_stores_on_many_threads()
    {
        var engine = new Engine();
        var builder = new ModuleBuilder();
        // sum of 1..n
        var body = Concat(BlockVoid, LoopVoid, LocalGet(0), I32Eqz, BrIf(1), LocalGet(1), LocalGet(0), I32Add, LocalSet(1),
            LocalGet(0), I32Const(1), I32Sub, LocalSet(0), Br(0), End, End, LocalGet(1));
        builder.Export("sum", builder.Function(builder.Type([I32], [I32]), body, (1, I32)));
        var wasm = builder.Build();
        var outcomes = new System.Collections.Concurrent.ConcurrentBag<(int, long)>();
        Parallel.For(0, 16, _ =>
        {
            var store = new Store(engine);
            var sum = Instance.Create(store, engine.LoadModule(wasm)).GetFunction("sum")!;
            outcomes.Add((sum.Invoke(Value.I32(20_000))[0].AsI32(), store.FuelConsumed));
        });
        Assert.Single(outcomes.Distinct());
        Assert.Equal(200_010_000, outcomes.First().Item1);
    }
}
