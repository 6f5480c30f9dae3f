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
}
