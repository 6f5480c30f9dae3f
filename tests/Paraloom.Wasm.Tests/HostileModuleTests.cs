using Paraloom.Compute.Execution;
using Paraloom.Wasm.Tests.Support;
using Wasmtime;
using TrapCode = Paraloom.Compute.Execution.TrapCode;
using static Paraloom.Wasm.Tests.Support.ModuleBuilder;
using static Paraloom.Wasm.Tests.Support.Wasm;

namespace Paraloom.Wasm.Tests;

/// <summary>
/// Modules written to exhaust the host, run as validators run them (gate, instrumentation, Wasmtime): each must end
/// in the right trap or error, with the process alive and bounded memory.
/// </summary>
public sealed class HostileModuleTests
{
    private static byte[] InfiniteLoop(bool asStart = false)
    {
        var builder = new ModuleBuilder();
        var type = builder.Type([], []);
        var loop = builder.Function(type, Concat(LoopVoid, Br(0), End));
        if (asStart) builder.Start(loop);
        else builder.Export("spin", loop);
        return builder.Build();
    }

    [Fact]
    public void Infinite_loop_runs_out_of_fuel_and_consumes_exactly_the_limit()
    {
        var (code, fuel) = Sandbox.Run(InfiniteLoop(), (store, instance) =>
        {
            var trap = Assert.Throws<SandboxTrap>(() => store.Invoke(instance, "spin"));
            return (trap.Code, store.FuelUsed);
        }, fuel: 1_000_000);
        Assert.Equal(TrapCode.OutOfFuel, code);
        Assert.Equal(1_000_000, fuel);
    }

    [Fact]
    public void Infinite_loop_is_interrupted_by_the_deadline_without_killing_the_thread()
    {
        var interrupted = Sandbox.Run(InfiniteLoop(), (store, instance) =>
            Assert.Throws<SandboxInterruptedException>(() => store.Invoke(instance, "spin")),
            fuel: long.MaxValue / 2, wallClock: TimeSpan.FromMilliseconds(200));
        Assert.False(interrupted.Cancelled);
    }

    [Fact]
    public void Infinite_loop_is_interrupted_by_cancellation()
    {
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var interrupted = Sandbox.Run(InfiniteLoop(), (store, instance) =>
            Assert.Throws<SandboxInterruptedException>(() => store.Invoke(instance, "spin")),
            fuel: long.MaxValue / 2, cancellation: cancellation.Token);
        Assert.True(interrupted.Cancelled);
    }

    [Fact]
    public void Loop_in_the_start_function_is_metered()
    {
        var trap = Assert.Throws<SandboxTrap>(() => Sandbox.Run(InfiniteLoop(asStart: true), (_, _) => 0, fuel: 50_000));
        Assert.Equal(TrapCode.OutOfFuel, trap.Code);
    }

    [Fact]
    public void Memory_grow_loop_stops_at_the_store_limit()
    {
        // loop { memory.grow(1) != -1 ? br 0 } ; return memory.size
        var builder = new ModuleBuilder().Memory(1);
        var type = builder.Type([], [I32]);
        var grow = builder.Function(type, Concat(LoopVoid, I32Const(1), MemoryGrow, I32Const(-1), [0x47], BrIf(0), End, [0x3F, 0x00]));
        builder.Export("grow", grow);
        var (pages, bytes) = Sandbox.Run(builder.Build(), (store, instance) =>
            ((int)store.Invoke(instance, "grow")!, instance.GetMemory("memory")!.GetLength()));
        Assert.Equal(1024, pages);
        Assert.Equal(64 * 1024 * 1024, bytes);
    }

    [Fact]
    public void Initial_memory_above_the_limit_fails_instantiation()
    {
        var wasm = new ModuleBuilder().Memory(100).Build();
        Assert.Throws<WasmtimeException>(() => Sandbox.Run(wasm, (_, _) => 0, maxMemoryBytes: 1024 * 1024));
    }

    [Fact]
    public void Initial_table_above_the_limit_fails_instantiation()
    {
        var wasm = new ModuleBuilder().Table(5000).Build();
        Assert.Throws<WasmtimeException>(() => Sandbox.Run(wasm, (_, _) => 0, maxTableElements: 1000));
    }

    [Fact]
    public void Table_grow_loop_stops_at_the_store_limit()
    {
        // loop { table.grow(ref.null, 100) != -1 ? br 0 } ; return table.size
        var builder = new ModuleBuilder().Table(0);
        var type = builder.Type([], [I32]);
        var body = Concat(LoopVoid, [0xD0, FuncRef], I32Const(100), [0xFC, 15, 0], I32Const(-1), [0x47], BrIf(0), End, [0xFC, 16, 0]);
        builder.Export("grow", builder.Function(type, body));
        Assert.Equal(10_000, Sandbox.Run(builder.Build(), (store, instance) => (int)store.Invoke(instance, "grow")!, maxTableElements: 10_000));
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
        Assert.Equal(TrapCode.CallStackExhausted, Sandbox.Trap(Recursion(extraLocals), "f", 0).Code);
    }

    [Fact]
    public void A_function_declaring_two_billion_locals_is_rejected_before_allocating()
    {
        var builder = new ModuleBuilder();
        var type = builder.Type([], []);
        builder.Function(type, [], (1u << 31, I64));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ModuleException>(() => ModuleAdmission.Admit(builder.Build()));
        Assert.Equal(ModuleErrorKind.TooLarge, error.Kind);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
    }

    [Fact]
    public void A_module_with_200k_functions_is_rejected_as_too_large()
    {
        var builder = new ModuleBuilder();
        var type = builder.Type([], []);
        for (var i = 0; i < 200_000; i++) builder.Function(type, []);
        // Wasmtime took 6.6–8.3 s and 1.2 GiB to compile such a module; the gate refuses it from the function section.
        var error = Assert.Throws<ModuleException>(() => Sandbox.Engine.Admit(builder.Build()));
        Assert.Equal(ModuleErrorKind.TooLarge, error.Kind);
        Assert.Contains("functions", error.Message);
    }

    [Fact]
    public void Every_truncation_inside_a_section_is_malformed()
    {
        var wasm = Recursion(3);
        ModuleAdmission.Admit(wasm);
        var sectionEnds = SectionEnds(wasm);
        for (var length = 0; length < wasm.Length; length++)
        {
            if (sectionEnds.Contains(length)) continue; // a prefix of whole sections may well be a valid module
            var error = Assert.Throws<ModuleException>(() => ModuleAdmission.Admit(wasm.AsSpan(0, length)));
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
    public void Every_module_the_gate_admits_compiles_and_runs_on_wasmtime()
    {
        var builder = new ModuleBuilder().Memory(1, 2).Table(2);
        var type = builder.Type([I32], [I32]);
        var body = Concat(LoopVoid, LocalGet(0), I32Const(1), I32Sub, LocalSet(0), LocalGet(0), BrIf(0), End, LocalGet(0), I32Const(7), [0x36, 0x02, 0x00], LocalGet(0), Call(0), Drop, LocalGet(0));
        builder.Export("f", builder.Function(type, body));
        var original = builder.Build();
        var random = new Random(12345);
        var admitted = 0;
        for (var round = 0; round < 1500; round++)
        {
            var wasm = (byte[])original.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--) wasm[random.Next(8, wasm.Length)] = (byte)random.Next(256);
            AdmittedModule module;
            try
            {
                module = Sandbox.Engine.Admit(wasm);
            }
            catch (ModuleException)
            {
                continue; // refused by the gate: the engine never sees it
            }
            admitted++;
            // Compilation must never fail for an admitted module: the gate and the engine agree on what is valid.
            Sandbox.Engine.Compile(module);
            try
            {
                Sandbox.Run(wasm, (store, instance) =>
                {
                    if (instance.GetFunction("f") is { Parameters: [ValueKind.Int32], Results: [ValueKind.Int32] }) store.Invoke(instance, "f", 5);
                    return 0;
                }, fuel: 100_000);
            }
            catch (SandboxTrap)
            {
                // A trap, at instantiation or in the call, is a fine outcome for a mutated program.
            }
            catch (WasmtimeException)
            {
                // So is an instance the store's limits refuse (a mutated memory or table size).
            }
        }
        Assert.True(admitted > 50, $"only {admitted} mutants were admitted: the test would prove little");
    }

    [Fact]
    public void The_same_program_gives_the_same_result_and_fuel_on_fresh_engines()
    {
        var builder = new ModuleBuilder();
        var type = builder.Type([I32], [I32]);
        // sum of i for i in n..1
        var body = Concat(BlockVoid, LoopVoid, LocalGet(0), I32Eqz, BrIf(1), LocalGet(1), LocalGet(0), I32Add, LocalSet(1),
            LocalGet(0), I32Const(1), I32Sub, LocalSet(0), Br(0), End, End, LocalGet(1));
        builder.Export("sum", builder.Function(type, body, (1, I32)));
        var wasm = builder.Build();
        var outcomes = Enumerable.Range(0, 3).Select(_ =>
        {
            using var engine = new SandboxEngine();
            return SandboxThread.Run(() =>
            {
                using var store = new SandboxStore(engine, 1_000_000_000, 64L << 20, DateTime.UtcNow.AddMinutes(1), CancellationToken.None);
                var instance = store.Instantiate(engine.Compile(engine.Admit(wasm)));
                return ((int)store.Invoke(instance, "sum", 1000)!, store.FuelUsed);
            });
        }).Distinct().ToList();
        Assert.Single(outcomes);
        Assert.Equal(500_500, outcomes[0].Item1);
    }
}
