using Paraloom.Wasm.Execution;
using Paraloom.Wasm.Tests.Support;
using static Paraloom.Wasm.Tests.Support.ModuleBuilder;
using static Paraloom.Wasm.Tests.Support.Wasm;

namespace Paraloom.Wasm.Tests;

/// <summary>How the compiled tier translates: lazily, once per module, shared by every store and thread.</summary>
public sealed class CompiledTierTests
{
    [Fact]
    public void Only_the_functions_that_run_are_translated_even_in_a_200k_function_module()
    {
        var engine = new Engine(new EngineConfig { Tier = ExecutionTier.Compiled, ModuleLimits = new ModuleLimits { MaxFunctions = 200_000 } });
        var builder = new ModuleBuilder();
        var type = builder.Type([], [I32]);
        builder.Export("first", builder.Function(type, Call(1)));
        builder.Function(type, I32Const(42));
        for (var i = 2; i < 200_000; i++) builder.Function(type, I32Const(i));
        var module = engine.LoadModule(builder.Build());

        var store = new Store(engine);
        Assert.Equal(42, Instance.Create(store, module).GetFunction("first")!.Invoke()[0].AsI32());

        Assert.Equal(2, module.Functions.Count(f => f.IsTranslated));
        Assert.True(module.Functions[0].IsTranslated && module.Functions[1].IsTranslated);
    }

    [Fact]
    public void A_translation_is_shared_by_every_store_and_thread()
    {
        var engine = new Engine(new EngineConfig { Tier = ExecutionTier.Compiled });
        var builder = new ModuleBuilder();
        var body = Concat(LocalGet(0), I32Const(3), [0x6C], I32Const(1), I32Add);
        builder.Export("f", builder.Function(builder.Type([I32], [I32]), body));
        var module = engine.LoadModule(builder.Build());
        var results = new System.Collections.Concurrent.ConcurrentBag<int>();

        Parallel.For(0, 8, i =>
        {
            var store = new Store(engine);
            results.Add(Instance.Create(store, module).GetFunction("f")!.Invoke(Value.I32(i))[0].AsI32() - 3 * i);
        });

        Assert.Equal(Enumerable.Repeat(1, 8), results);
        var translated = module.Functions[0].Native(canonicalizeNaNs: true);
        Assert.Same(translated, module.Functions[0].Native(canonicalizeNaNs: true));
    }

    [Fact]
    public void A_function_too_long_to_translate_runs_in_the_interpreter_with_the_same_result_and_fuel()
    {
        var (wasm, shortIndex, longIndex) = ShortCallingLong(additions: 60_000);
        var outcomes = new List<(int Result, long Fuel)>();
        foreach (var tier in new[] { ExecutionTier.Interpreter, ExecutionTier.Compiled })
        {
            var engine = new Engine(new EngineConfig { Tier = tier });
            var module = engine.LoadModule(wasm);
            var store = new Store(engine);
            var result = Instance.Create(store, module).GetFunction("short")!.Invoke(Value.I32(5))[0].AsI32();
            outcomes.Add((result, store.FuelConsumed));
            if (tier == ExecutionTier.Compiled)
            {
                Assert.False(module.Functions[longIndex].IsTranslatable);
                Assert.False(module.Functions[longIndex].IsTranslated);
                Assert.True(module.Functions[shortIndex].IsTranslated);
            }
        }

        Assert.Equal(5 + 60_000 + 2, outcomes[0].Result);
        Assert.Equal(outcomes[0], outcomes[1]);
    }

    [Fact]
    public void Calls_from_compiled_code_into_the_interpreter_hit_the_call_depth_limit_where_the_interpreter_does()
    {
        // down(n) recurses n times in compiled code, then calls the long function (depth n + 1, interpreted),
        // which calls identity (depth n + 2): entering the interpreter deep must neither lose nor gain a level.
        var builder = new ModuleBuilder();
        var type = builder.Type([I32], [I32]);
        var down = builder.Function(type, Concat(
            LocalGet(0), I32Eqz, [0x04, I32], LocalGet(0), Call(1), [0x05], LocalGet(0), I32Const(1), I32Sub, Call(0), End));
        builder.Function(type, Concat(LongBody(60_000), Call(2)));
        builder.Function(type, LocalGet(0));
        builder.Export("down", down);
        var wasm = builder.Build();

        // The last case starts the interpreter beyond the 256 frames it allocates up front.
        foreach (var (maxDepth, n) in new[] { (50, 47), (50, 48), (50, 49), (50, 50), (1000, 300) })
        {
            var outcomes = new[] { ExecutionTier.Interpreter, ExecutionTier.Compiled }.Select(tier =>
            {
                var engine = new Engine(new EngineConfig { Tier = tier });
                var store = new Store(engine, new StoreLimits { MaxCallDepth = maxDepth });
                var instance = Instance.Create(store, engine.LoadModule(wasm));
                try
                {
                    return (Result: instance.GetFunction("down")!.Invoke(Value.I32(n))[0].AsI32().ToString(), store.FuelConsumed);
                }
                catch (TrapException trap)
                {
                    return (Result: trap.Code.ToString(), store.FuelConsumed);
                }
            }).ToList();

            Assert.Equal(n + 1 < maxDepth ? "60000" : nameof(TrapCode.StackExhausted), outcomes[0].Result);
            Assert.Equal(outcomes[0], outcomes[1]);
        }
    }

    [Fact]
    public void A_module_gets_a_bounded_amount_of_translation_given_out_in_function_order()
    {
        static CompiledFunction OfLength(int length) => new(new int[length], 0, 0, 0, 0);
        var full = CompiledFunction.MaxTranslatedLength;
        var functions = new List<CompiledFunction> { OfLength(full + 1) };
        functions.AddRange(Enumerable.Range(0, CompiledFunction.MaxTranslatedLengthPerModule / full).Select(_ => OfLength(full)));
        functions.Add(OfLength(10));

        CompiledFunction.AllotTranslation(functions);

        Assert.False(functions[0].IsTranslatable);
        Assert.All(functions[1..^1], function => Assert.True(function.IsTranslatable));
        Assert.False(functions[^1].IsTranslatable);
    }

    /// <summary>x + 1 + 1 + … : a body whose instruction stream is longer than the compiled tier translates.</summary>
    private static byte[] LongBody(int additions) =>
        Concat([LocalGet(0), .. Enumerable.Repeat(Concat(I32Const(1), I32Add), additions)]);

    private static (byte[] Wasm, int Short, int Long) ShortCallingLong(int additions)
    {
        var builder = new ModuleBuilder();
        var type = builder.Type([I32], [I32]);
        var longFunction = builder.Function(type, LongBody(additions));
        var shortFunction = builder.Function(type, Concat(LocalGet(0), Call((uint)longFunction), I32Const(2), I32Add));
        builder.Export("short", shortFunction);
        return (builder.Build(), shortFunction, longFunction);
    }
}
