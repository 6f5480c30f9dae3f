using System.Diagnostics;
using Paraloom.Wasm.Tests.Support;
using static Paraloom.Wasm.Tests.Support.ModuleBuilder;
using static Paraloom.Wasm.Tests.Support.Wasm;

namespace Paraloom.Wasm.Tests;

/// <summary>Modules written to exhaust the host: each must end in the right trap or error, quickly, with bounded memory, in every tier.</summary>
public abstract class HostileModuleTests
{
    private readonly Engine _engine;

    protected HostileModuleTests(ExecutionTier tier)
    {
        Tier = tier;
        _engine = new Engine(new EngineConfig { Tier = tier });
    }

    private ExecutionTier Tier { get; }

    private static byte[] InfiniteLoop(bool asStart = false)
    {
        var builder = new ModuleBuilder();
        var type = builder.Type([], []);
        var loop = builder.Function(type, Concat(LoopVoid, Br(0), End));
        if (asStart) builder.Start(loop);
        else builder.Export("spin", loop);
        return builder.Build();
    }

    private Function Export(Store store, byte[] wasm, string name) =>
        Instance.Create(store, _engine.LoadModule(wasm)).GetFunction(name)!;

    [Fact]
    public void Infinite_loop_runs_out_of_fuel_and_consumes_exactly_the_limit()
    {
        var store = new Store(_engine, new StoreLimits { Fuel = 1_000_000 });
        var trap = Assert.Throws<TrapException>(() => Export(store, InfiniteLoop(), "spin").Invoke());
        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.Equal(1_000_000, store.FuelConsumed);
        Assert.Equal(0, store.FuelRemaining);
    }

    [Fact]
    public void Infinite_loop_is_interrupted_by_the_deadline()
    {
        var store = new Store(_engine);
        var spin = Export(store, InfiniteLoop(), "spin");
        store.SetDeadline(DateTime.UtcNow.AddMilliseconds(100));
        var watch = Stopwatch.StartNew();
        var trap = Assert.Throws<TrapException>(() => spin.Invoke());
        Assert.Equal(TrapCode.Interrupted, trap.Code);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Infinite_loop_is_interrupted_by_cancellation()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var store = new Store(_engine) { Interrupt = cancellation.Token };
        var trap = Assert.Throws<TrapException>(() => Export(store, InfiniteLoop(), "spin").Invoke());
        Assert.Equal(TrapCode.Interrupted, trap.Code);
    }

    [Fact]
    public void Loop_in_the_start_function_is_metered()
    {
        var store = new Store(_engine, new StoreLimits { Fuel = 50_000 });
        var trap = Assert.Throws<TrapException>(() => Instance.Create(store, _engine.LoadModule(InfiniteLoop(asStart: true))));
        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
        Assert.Equal(50_000, store.FuelConsumed);
    }

    [Fact]
    public void Memory_grow_loop_stops_at_the_store_limit()
    {
        // loop { memory.grow(1) != -1 ? br 0 } ; return memory.size
        var builder = new ModuleBuilder().Memory(1);
        var type = builder.Type([], [I32]);
        var grow = builder.Function(type, Concat(LoopVoid, I32Const(1), MemoryGrow, I32Const(-1), [0x47], BrIf(0), End, [0x3F, 0x00]));
        builder.Export("grow", grow);
        var store = new Store(_engine); // default limit: 64 MiB, reached one page at a time
        var instance = Instance.Create(store, _engine.LoadModule(builder.Build()));
        var pages = instance.GetFunction("grow")!.Invoke()[0].AsI32();
        Assert.Equal(1024, pages);
        Assert.Equal(64 * 1024 * 1024, instance.GetMemory("memory")!.Span.Length);
    }

    [Fact]
    public void Initial_memory_above_the_limit_fails_instantiation()
    {
        var wasm = new ModuleBuilder().Memory(100).Build();
        var store = new Store(_engine, new StoreLimits { MaxMemoryBytes = 1024 * 1024 });
        var error = Assert.Throws<ResourceLimitException>(() => Instance.Create(store, _engine.LoadModule(wasm)));
        Assert.Contains("100 pages", error.Message);
    }

    [Fact]
    public void Initial_table_above_the_limit_fails_instantiation()
    {
        var wasm = new ModuleBuilder().Table(5000).Build();
        var store = new Store(_engine, new StoreLimits { MaxTableElements = 1000 });
        Assert.Throws<ResourceLimitException>(() => Instance.Create(store, _engine.LoadModule(wasm)));
    }

    [Fact]
    public void Table_grow_loop_stops_at_the_store_limit()
    {
        // loop { table.grow(ref.null, 100) != -1 ? br 0 } ; return table.size
        var builder = new ModuleBuilder().Table(0);
        var type = builder.Type([], [I32]);
        var body = Concat(LoopVoid, [0xD0, FuncRef], I32Const(100), [0xFC, 15, 0], I32Const(-1), [0x47], BrIf(0), End, [0xFC, 16, 0]);
        builder.Export("grow", builder.Function(type, body));
        var store = new Store(_engine, new StoreLimits { MaxTableElements = 10_000 });
        var size = Instance.Create(store, _engine.LoadModule(builder.Build())).GetFunction("grow")!.Invoke()[0].AsI32();
        Assert.Equal(10_000, size);
    }

    private static byte[] Recursion(uint extraLocals)
    {
        // f(n) = f(n + 1): never returns.
        var builder = new ModuleBuilder();
        var type = builder.Type([I32], [I32]);
        var locals = extraLocals > 0 ? new[] { (extraLocals, I64) } : [];
        var f = builder.Function(type, Concat(LocalGet(0), I32Const(1), I32Add, Call(0)), locals);
        builder.Export("f", f);
        return builder.Build();
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(40_000u)]
    public void Unbounded_recursion_exhausts_the_stack_cleanly(uint extraLocals)
    {
        var store = new Store(_engine);
        var trap = Assert.Throws<TrapException>(() => Export(store, Recursion(extraLocals), "f").Invoke(Value.I32(0)));
        Assert.Equal(TrapCode.StackExhausted, trap.Code);
    }

    [Fact]
    public void Ten_thousand_frames_of_a_small_function_fit_by_default()
    {
        // count(n) = n == 0 ? 0 : 1 + count(n - 1)
        var builder = new ModuleBuilder();
        var type = builder.Type([I32], [I32]);
        var body = Concat(LocalGet(0), I32Eqz, [0x04, I32], I32Const(0), [0x05], LocalGet(0), I32Const(1), I32Sub, Call(0), I32Const(1), I32Add, End);
        builder.Export("count", builder.Function(type, body));
        var store = new Store(_engine);
        Assert.Equal(10_000, Export(store, builder.Build(), "count").Invoke(Value.I32(10_000))[0].AsI32());
    }

    [Fact]
    public void Host_to_wasm_reentrancy_cannot_overflow_the_host_stack()
    {
        // wasm f calls the host, which calls f again, forever.
        var builder = new ModuleBuilder();
        var type = builder.Type([], []);
        var store = new Store(_engine);
        Function? f = null;
        var hostCalls = 0;
        var host = new Function(store, new FunctionType([], []), _ =>
        {
            hostCalls++;
            return f!.Invoke();
        });
        var wasm = ImportingModule();
        var instance = Instance.Create(store, _engine.LoadModule(wasm), new Dictionary<(string, string), Extern> { [("host", "h")] = host });
        f = instance.GetFunction("f")!;
        var trap = Assert.Throws<TrapException>(() => f.Invoke());
        Assert.Equal(TrapCode.StackExhausted, trap.Code);
        Assert.Equal(1000, hostCalls); // the 1,001st nested entry into wasm traps, whatever the host thread's stack
    }

    private static byte[] ImportingModule() =>
    [
        0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00,
        0x01, 0x04, 0x01, 0x60, 0x00, 0x00,                         // type 0: [] -> []
        0x02, 0x0A, 0x01, 0x04, (byte)'h', (byte)'o', (byte)'s', (byte)'t', 0x01, (byte)'h', 0x00, 0x00, // import host.h
        0x03, 0x02, 0x01, 0x00,                                     // func 1: type 0
        0x07, 0x05, 0x01, 0x01, (byte)'f', 0x00, 0x01,              // export f
        0x0A, 0x06, 0x01, 0x04, 0x00, 0x10, 0x00, 0x0B,             // body: call 0
    ];

    [Fact]
    public void A_function_declaring_two_billion_locals_is_rejected_before_allocating()
    {
        var builder = new ModuleBuilder();
        var type = builder.Type([], []);
        builder.Function(type, [], (1u << 31, I64));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ModuleException>(() => Module.FromBytes(_engine, builder.Build()));
        Assert.Equal(ModuleErrorKind.TooLarge, error.Kind);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
    }

    [Fact]
    public void A_module_with_200k_functions_is_rejected_as_too_large()
    {
        var builder = new ModuleBuilder();
        var type = builder.Type([], []);
        for (var i = 0; i < 200_000; i++) builder.Function(type, []);
        var error = Assert.Throws<ModuleException>(() => Module.FromBytes(_engine, builder.Build()));
        Assert.Equal(ModuleErrorKind.TooLarge, error.Kind);
        Assert.Contains("functions", error.Message);
    }

    [Fact]
    public void Every_truncation_inside_a_section_is_malformed()
    {
        var wasm = Recursion(3);
        Module.FromBytes(_engine, wasm);
        var sectionEnds = SectionEnds(wasm);
        for (var length = 0; length < wasm.Length; length++)
        {
            if (sectionEnds.Contains(length)) continue; // a prefix of whole sections may well be a valid module
            var error = Assert.Throws<ModuleException>(() => Module.FromBytes(_engine, wasm.AsSpan(0, length)));
            Assert.Equal(ModuleErrorKind.Malformed, error.Kind);
        }
    }

    private static HashSet<int> SectionEnds(byte[] wasm)
    {
        var ends = new HashSet<int> { 8 };
        var position = 8;
        while (position < wasm.Length)
        {
            position++;
            uint size = 0;
            for (var shift = 0; ; shift += 7)
            {
                var b = wasm[position++];
                size |= (uint)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) break;
            }
            position += (int)size;
            ends.Add(position);
        }
        return ends;
    }

    [Fact]
    public void Mutated_modules_fail_only_with_engine_errors()
    {
        var builder = new ModuleBuilder().Memory(1, 2).Table(2);
        var type = builder.Type([I32], [I32]);
        var body = Concat(LoopVoid, LocalGet(0), I32Const(1), I32Sub, LocalSet(0), LocalGet(0), BrIf(0), End, LocalGet(0), I32Const(7), [0x36, 0x02, 0x00], LocalGet(0));
        builder.Export("f", builder.Function(type, body));
        var original = builder.Build();
        var random = new Random(12345);
        for (var round = 0; round < 3000; round++)
        {
            var wasm = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) wasm[random.Next(8, wasm.Length)] = (byte)random.Next(256);
            try
            {
                var store = new Store(_engine, new StoreLimits { Fuel = 100_000 });
                var instance = Instance.Create(store, Module.FromBytes(_engine, wasm));
                if (instance.GetFunction("f") is { Type.Parameters.Count: 1 } f && f.Type.Parameters[0] == ValueType.I32) f.Invoke(Value.I32(5));
            }
            catch (WasmException)
            {
                // Any engine error is an acceptable outcome for a corrupted module.
            }
        }
    }

    [Fact]
    public void The_same_program_gives_the_same_result_and_fuel_every_run()
    {
        var builder = new ModuleBuilder();
        var type = builder.Type([I32], [I32]);
        // sum of i for i in n..1
        var body = Concat(BlockVoid, LoopVoid, LocalGet(0), I32Eqz, BrIf(1), LocalGet(1), LocalGet(0), I32Add, LocalSet(1),
            LocalGet(0), I32Const(1), I32Sub, LocalSet(0), Br(0), End, End, LocalGet(1));
        builder.Export("sum", builder.Function(type, body, (1, I32)));
        var wasm = builder.Build();
        var outcomes = Enumerable.Range(0, 5).Select(_ =>
        {
            var engine = new Engine(new EngineConfig { Tier = Tier });
            var store = new Store(engine);
            var sum = Instance.Create(store, engine.LoadModule(wasm)).GetFunction("sum")!;
            var result = sum.Invoke(Value.I32(1000))[0].AsI32();
            return (result, store.FuelConsumed);
        }).Distinct().ToList();
        Assert.Single(outcomes);
        Assert.Equal(500_500, outcomes[0].result);
    }
}

public sealed class InterpreterHostileModuleTests() : HostileModuleTests(ExecutionTier.Interpreter);

public sealed class CompiledHostileModuleTests() : HostileModuleTests(ExecutionTier.Compiled);
