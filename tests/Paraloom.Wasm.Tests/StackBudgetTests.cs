using Paraloom.Compute.Execution;
using Paraloom.Wasm.Instrumentation;
using Paraloom.Wasm.Tests.Support;
using static Paraloom.Wasm.Tests.Support.ModuleBuilder;
using static Paraloom.Wasm.Tests.Support.Wasm;

namespace Paraloom.Wasm.Tests;

/// <summary>
/// The deterministic stack budget: a recursion traps "call stack exhausted" at exactly the call the documented
/// formula names, whatever the frame's shape and the fuel setting, and Wasmtime's own native limit never fires first.
/// Each recursion stores its depth at address 0 on entry, so the depth reached is read back after the trap.
/// </summary>
public sealed class StackBudgetTests
{
    private static readonly byte[] I32Store = [0x36, 0x02, 0x00];
    private static readonly byte[] I64Store = [0x37, 0x03, 0x00];
    private static readonly byte[] I64Add = [0x7C];

    /// <summary>f(depth: i32) -> i32 with <paramref name="extraLocals"/> unused i64 locals and <paramref name="liveValues"/> i64 values live across its call.</summary>
    private static (byte[] Wasm, int FrameUnits) Recursion(uint extraLocals, int liveValues)
    {
        var builder = new ModuleBuilder().Memory(1);
        var type = builder.Type([I32], [I32]);
        var body = new List<byte>();
        body.AddRange(Concat(I32Const(0), LocalGet(0), I32Store));
        if (liveValues > 0) body.AddRange(I32Const(8));
        for (var k = 1; k <= liveValues; k++) body.AddRange(Concat(LocalGet(0), [0xAD], [0x42], S32(k), I64Add)); // i64.extend_i32_u; i64.const k; i64.add
        body.AddRange(Concat(LocalGet(0), I32Const(1), I32Add, Call(0), Drop));
        if (liveValues > 0)
        {
            for (var k = 1; k < liveValues; k++) body.AddRange(I64Add);
            body.AddRange(I64Store);
        }
        body.AddRange(LocalGet(0));
        var locals = extraLocals > 0 ? new[] { (extraLocals, I64) } : [];
        builder.Export("f", builder.Function(type, [.. body], locals));
        // Operand height: 2 for the store; with live values, 1 (address) + all of them + 2 (the call's argument being built).
        var maxHeight = liveValues > 0 ? liveValues + 3 : 2;
        return (builder.Build(), StackBudget.FrameUnits(1 + (int)extraLocals, maxHeight));
    }

    /// <summary>An Ackermann-shaped f(m: i64, n: i64) -> i64 with four i64 locals that recurses on n + 1 forever.</summary>
    private static (byte[] Wasm, int FrameUnits) Ackermann()
    {
        var builder = new ModuleBuilder().Memory(1);
        var type = builder.Type([I64, I64], [I64]);
        byte[] I64Op(byte op) => [op];
        var body = Concat(
            I32Const(0), LocalGet(1), I64Store,
            LocalGet(0), LocalGet(1), I64Op(0x7C), LocalSet(2),
            LocalGet(0), LocalGet(1), I64Op(0x7E), LocalSet(3),
            LocalGet(2), LocalGet(3), I64Op(0x85), LocalSet(4),
            LocalGet(4), [0x42, 1], I64Op(0x7C), LocalSet(5),
            LocalGet(0), LocalGet(1), [0x42, 1], I64Op(0x7C), Call(0),
            LocalGet(5), I64Op(0x7C));
        builder.Export("f", builder.Function(type, body, (4, I64)));
        return (builder.Build(), StackBudget.FrameUnits(6, 3));
    }

    private static long DepthAtTrap(byte[] wasm, long fuel, params Wasmtime.ValueBox[] arguments) =>
        Sandbox.Run(wasm, (store, instance) =>
        {
            var trap = Assert.Throws<SandboxTrap>(() => store.Invoke(instance, "f", arguments));
            Assert.Equal(TrapCode.CallStackExhausted, trap.Code);
            return instance.GetMemory("memory")!.ReadInt64(0);
        }, fuel);

    [Fact]
    public void An_ackermann_shaped_recursion_reaches_more_than_ten_thousand_frames_and_traps_at_the_documented_call()
    {
        var (wasm, units) = Ackermann();
        var depth = DepthAtTrap(wasm, 1_000_000_000, 7L, 0L);
        Assert.Equal(StackBudget.MaxUnits / units, depth);
        Assert.True(depth >= 10_000, $"only {depth} frames");
    }

    [Fact]
    public void The_trap_point_does_not_move_with_the_fuel_setting()
    {
        var (wasm, _) = Ackermann();
        Assert.Equal(DepthAtTrap(wasm, 1_000_000_000, 7L, 0L), DepthAtTrap(wasm, 50_000_000_000, 7L, 0L));
    }

    [Theory]
    [InlineData(0u, 0)]        // the smallest frame: native bytes per unit are highest here
    [InlineData(40_000u, 0)]   // a frame made of declared locals
    [InlineData(0u, 1_000)]    // a frame of values live across the call: all of them spill to the native stack
    [InlineData(16u, 200)]
    public void Every_frame_shape_reaches_its_budget_before_the_native_stack_limit(uint extraLocals, int liveValues)
    {
        var (wasm, units) = Recursion(extraLocals, liveValues);
        var depth = Sandbox.Run(wasm, (store, instance) =>
        {
            // A native stack overflow would surface as InvalidOperationException from the trap mapping, failing here.
            var trap = Assert.Throws<SandboxTrap>(() => store.Invoke(instance, "f", 0));
            Assert.Equal(TrapCode.CallStackExhausted, trap.Code);
            return instance.GetMemory("memory")!.ReadInt32(0);
        });
        Assert.Equal(StackBudget.MaxUnits / units, depth);
    }

    [Fact]
    public void A_recursion_just_inside_the_budget_returns()
    {
        // count(n) = n == 0 ? 0 : 1 + count(n - 1): 10,000 frames of a small function.
        var builder = new ModuleBuilder();
        var type = builder.Type([I32], [I32]);
        var body = Concat(LocalGet(0), I32Eqz, [0x04, I32], I32Const(0), [0x05], LocalGet(0), I32Const(1), I32Sub, Call(0), I32Const(1), I32Add, End);
        builder.Export("count", builder.Function(type, body));
        Assert.Equal(10_000, Sandbox.Run(builder.Build(), (store, instance) => (int)store.Invoke(instance, "count", 10_000)!));
    }

    [Fact]
    public void A_trap_does_not_leak_stack_height_into_the_next_call()
    {
        var (wasm, units) = Recursion(0, 0);
        var depths = Sandbox.Run(wasm, (store, instance) => Enumerable.Range(0, 3).Select(_ =>
        {
            Assert.Throws<SandboxTrap>(() => store.Invoke(instance, "f", 0));
            return instance.GetMemory("memory")!.ReadInt32(0);
        }).ToList());
        Assert.All(depths, depth => Assert.Equal(StackBudget.MaxUnits / units, depth));
    }
}
