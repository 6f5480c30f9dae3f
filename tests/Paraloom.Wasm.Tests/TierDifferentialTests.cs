using Paraloom.Wasm.Tests.Support;

namespace Paraloom.Wasm.Tests;

/// <summary>
/// The compiled tier must be observably the interpreter: same results, same traps, same memory and the
/// same fuel consumed, also when a program traps or runs out of fuel part-way.
/// </summary>
public sealed class TierDifferentialTests
{
    private static readonly Engine Interpreter = new(new EngineConfig { Tier = ExecutionTier.Interpreter });
    private static readonly Engine Compiled = new(new EngineConfig { Tier = ExecutionTier.Compiled });

    /// <summary>What a run leaves observable: the result or trap, the fuel and a digest of the memory.</summary>
    private sealed record Outcome(string Result, long Fuel, string Memory);

    private static Outcome RunProgram(Engine engine, byte[] wasm, long fuel, int a, int b)
    {
        var limits = new StoreLimits { Fuel = fuel, MaxMemoryBytes = 3 * Memory.PageSize, MaxStackUnits = 1 << 14, MaxCallDepth = 1000 };
        var store = new Store(engine, limits);
        var instance = Instance.Create(store, engine.LoadModule(wasm));
        string result;
        try
        {
            result = instance.GetFunction("run")!.Invoke(Value.I32(a), Value.I32(b))[0].AsI32().ToString();
        }
        catch (TrapException trap)
        {
            result = trap.Code.ToString();
        }
        var memory = instance.GetMemory("memory")!;
        return new Outcome(result, store.FuelConsumed, Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(memory.Span)));
    }

    [Fact]
    public void Random_programs_behave_identically_in_both_tiers()
    {
        var outcomes = new Dictionary<string, int>();
        for (var seed = 0; seed < 200; seed++)
        {
            var wasm = RandomProgram.Build(seed);
            foreach (var (a, b) in new[] { (0, 0), (7, -3), (int.MinValue, -1) })
            {
                var expected = RunProgram(Interpreter, wasm, long.MaxValue, a, b);
                var actual = RunProgram(Compiled, wasm, long.MaxValue, a, b);
                Assert.True(expected == actual, $"seed {seed} ({a}, {b}): interpreter {expected}, compiled {actual}");
                var kind = int.TryParse(expected.Result, out _) ? "value" : expected.Result;
                outcomes[kind] = outcomes.GetValueOrDefault(kind) + 1;

                // Cut the same run short at budgets inside it: it must stop at the same segment in both tiers.
                foreach (var budget in new[] { 5L, expected.Fuel / 2, expected.Fuel - 1 })
                {
                    if (budget < 0 || budget >= expected.Fuel) continue;
                    var interpreted = RunProgram(Interpreter, wasm, budget, a, b);
                    var compiled = RunProgram(Compiled, wasm, budget, a, b);
                    Assert.True(interpreted == compiled, $"seed {seed} ({a}, {b}) fuel {budget}: interpreter {interpreted}, compiled {compiled}");
                }
            }
        }
        // The generator must exercise both normal returns and traps, or the comparison proves little.
        Assert.True(outcomes.GetValueOrDefault("value") > 300, string.Join(", ", outcomes));
        Assert.True(outcomes.Keys.Count(k => k != "value") >= 2, string.Join(", ", outcomes));
    }

    [Theory]
    [InlineData("sha256", "check")]
    [InlineData("sha256", "check0")]
    [InlineData("matmul", "check")]
    [InlineData("fannkuch", "check")]
    public void Corpus_programs_give_the_same_output_and_fuel_in_both_tiers(string program, string input)
    {
        var bytes = File.ReadAllBytes(Path.Combine(CorpusProgram.CorpusDirectory, "inputs", $"{program}-{input}.bin"));
        var expected = File.ReadAllText(Path.Combine(CorpusProgram.CorpusDirectory, "expected", $"{program}-{input}.hex")).Trim();
        var fuel = new List<long>();
        foreach (var engine in new[] { Interpreter, Compiled })
        {
            var limits = new StoreLimits { Fuel = long.MaxValue };
            var store = default(Store);
            var output = CorpusProgram.Run(engine, program, bytes, limits, s => store = s);
            Assert.Equal(expected, Convert.ToHexString(output).ToLowerInvariant());
            fuel.Add(store!.FuelConsumed);
        }
        Assert.Equal(fuel[0], fuel[1]);
    }

    [Theory]
    [InlineData(1_000L)]
    [InlineData(123_457L)]
    [InlineData(2_000_000L)]
    public void A_corpus_program_runs_out_of_fuel_at_the_same_point_in_both_tiers(long budget)
    {
        var bytes = File.ReadAllBytes(Path.Combine(CorpusProgram.CorpusDirectory, "inputs", "fannkuch-check.bin"));
        var consumed = new List<long>();
        foreach (var engine in new[] { Interpreter, Compiled })
        {
            var store = default(Store);
            var trap = Assert.Throws<TrapException>(() => CorpusProgram.Run(engine, "fannkuch", bytes, new StoreLimits { Fuel = budget }, s => store = s));
            Assert.Equal(TrapCode.OutOfFuel, trap.Code);
            consumed.Add(store!.FuelConsumed);
        }
        Assert.Equal(budget, consumed[0]);
        Assert.Equal(consumed[0], consumed[1]);
    }

    [Theory]
    [InlineData(0u, 100_000)]
    [InlineData(20_000u, 51)]
    public void Unbounded_recursion_traps_at_the_same_call_in_both_tiers(uint extraLocals, int expectedDepth)
    {
        // f(n) = f(n + 1), and every activation costs fuel, so equal fuel means the same call trapped.
        var builder = new ModuleBuilder();
        var type = builder.Type([ModuleBuilder.I32], [ModuleBuilder.I32]);
        var locals = extraLocals > 0 ? new[] { (extraLocals, ModuleBuilder.I64) } : [];
        builder.Export("f", builder.Function(type, ModuleBuilder.Concat(Support.Wasm.LocalGet(0), Support.Wasm.I32Const(1), Support.Wasm.I32Add, Support.Wasm.Call(0)), locals));
        var wasm = builder.Build();
        var fuel = new List<long>();
        foreach (var engine in new[] { Interpreter, Compiled })
        {
            var store = new Store(engine);
            var trap = Assert.Throws<TrapException>(() => Instance.Create(store, engine.LoadModule(wasm)).GetFunction("f")!.Invoke(Value.I32(0)));
            Assert.Equal(TrapCode.StackExhausted, trap.Code);
            fuel.Add(store.FuelConsumed);
        }
        Assert.Equal(fuel[0], fuel[1]);
        Assert.Equal(4L * (expectedDepth + 1), fuel[0]); // 4 instructions per activation
    }
}
