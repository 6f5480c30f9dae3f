using Paraloom.Compute.Execution;
using Paraloom.Compute.Tests.Support;

namespace Paraloom.Compute.Tests.Execution;

/// <summary>
/// The admission gate canonicalizes only the NaNs whose bits something observes; Cranelift's canonicalization of every
/// float result is off. On the NaN-heavy corpus (<see cref="NaNCorpus"/>) that must give exactly the outputs of the
/// canonicalize-everything configuration it replaced, the same output and fuel on every run and fresh engine, and
/// a profile of its own, as must a configuration that leaves NaN bits to the machine (whose outputs differ).
/// </summary>
public sealed class NaNCanonicalizationTests : IDisposable
{
    private const ulong CanonicalNaN = 0x7FF8_0000_0000_0000;
    private const ulong NegativeCanonicalNaN = 0xFFF8_0000_0000_0000;

    private static readonly byte[][] Inputs =
    [
        NaNCorpus.Input(BitConverter.DoubleToUInt64Bits(1.5), BitConverter.DoubleToUInt64Bits(2.0)),
        NaNCorpus.Input(0x7FF8_0000_0000_1234, BitConverter.DoubleToUInt64Bits(1.0)),
        NaNCorpus.Input(0xFFF4_0000_0000_0ABC, 0), // a negative signalling NaN with a payload
        NaNCorpus.Input(0x7FF0_0000_0000_0000, 0), // ∞ × 0
        NaNCorpus.Input(0, 0),
    ];

    private readonly ExecutionScheduler _scheduler = new(new ExecutionSchedulerOptions { ConcurrentExecutions = 1 });

    public void Dispose() => _scheduler.Dispose();

    [Fact]
    public async Task Outputs_are_those_of_canonicalizing_every_float_result()
    {
        using var production = new SandboxEngine();
        using var cranelift = new SandboxEngine(SandboxConfiguration.With(SandboxConfiguration.CraneliftNaNs));
        foreach (var input in Inputs)
        {
            var gate = await RunAsync(production, input);
            var everywhere = await RunAsync(cranelift, input);
            Assert.Equal(Convert.ToHexString(everywhere.Output.Span), Convert.ToHexString(gate.Output.Span));
        }
    }

    [Fact]
    public async Task Observed_NaNs_are_canonical_and_NaNs_no_arithmetic_made_keep_their_bits()
    {
        using var engine = new SandboxEngine();
        var output = (await RunAsync(engine, Inputs[0])).Output.ToArray();
        ulong Slot(string name) => BitConverter.ToUInt64(output, 8 * NaNCorpus.SlotOf(name));

        foreach (var name in new[] { "0/0", "inf-inf", "sqrt(-1)", "payload+1", "-payload*2", "local", "global", "block", "br_if", "if",
                     "select", "call param", "call result", "call_indirect", "min", "max", "ceil", "floor", "trunc", "nearest", "promote", "chain" })
        {
            Assert.True(Slot(name) == CanonicalNaN, $"{name}: {Slot(name):x16}");
        }
        Assert.Equal(NegativeCanonicalNaN, Slot("neg(0/0)"));
        Assert.Equal(NegativeCanonicalNaN, Slot("local.tee"));
        Assert.Equal(CanonicalNaN, Slot("abs(-payload+0)"));
        Assert.Equal(CanonicalNaN, Slot("reinterpret(0/0)"));
        Assert.Equal(BitConverter.DoubleToUInt64Bits(1.0), Slot("copysign(1, 0/0)"));
        Assert.Equal(CanonicalNaN, Slot("copysign(neg 0/0, 1)"));
        Assert.Equal(0xFFF0_0000_0000_0077, Slot("kept: neg const")); // signalling NaNs too: no arithmetic made them
        Assert.Equal(0xFFF0_0000_0000_0078, Slot("kept: load"));
        Assert.Equal(0x7FF0_0000_0000_0079UL, Slot("kept: reinterpret"));
        Assert.Equal(0UL, Slot("eq"));
        Assert.Equal(1UL, Slot("ne"));
        Assert.Equal(0UL, Slot("trunc_sat"));
        Assert.Equal(0x7FC0_0000UL, Slot("f32 0/0"));
        Assert.Equal(0xFFC0_0000UL, Slot("f32 neg(inf-inf)"));
        Assert.Equal(0x7FC0_0000UL, Slot("f32 reinterpret"));
        Assert.Equal(0x7FC0_0000UL, Slot("f32 demote"));
        Assert.Equal(0x3F80_0000UL, Slot("f32 copysign"));
    }

    [Fact]
    public async Task Output_and_fuel_are_identical_across_runs_and_fresh_engines()
    {
        foreach (var input in Inputs)
        {
            var results = new List<ExecutionResult>();
            for (var engineRun = 0; engineRun < 3; engineRun++)
            {
                using var engine = new SandboxEngine();
                results.Add(await RunAsync(engine, input));
                results.Add(await RunAsync(engine, input));
            }
            Assert.Single(results.Select(r => r.Digest).Distinct());
            Assert.Single(results.Select(r => r.FuelUsed).Distinct());
        }
    }

    [Fact]
    public async Task Each_way_of_treating_NaNs_has_a_profile_of_its_own_and_machine_NaNs_change_results()
    {
        using var production = new SandboxEngine();
        using var cranelift = new SandboxEngine(SandboxConfiguration.With(SandboxConfiguration.CraneliftNaNs));
        using var machine = new SandboxEngine(SandboxConfiguration.With(SandboxConfiguration.MachineNaNs));
        Assert.Equal(3, new[] { production.Profile, cranelift.Profile, machine.Profile }.Distinct().Count());

        var canonical = await RunAsync(production, Inputs[1]);
        var uncanonical = await RunAsync(machine, Inputs[1]);
        Assert.NotEqual(canonical.Digest, uncanonical.Digest);
        Assert.NotEqual(canonical.Profile, uncanonical.Profile);
    }

    private async Task<ExecutionResult> RunAsync(SandboxEngine engine, byte[] input)
    {
        var result = await new ComputeExecutor(_scheduler, engine).ExecuteAsync(new ExecutionRequest(NaNCorpus.Module, input));
        Assert.Equal(ExecutionStatus.Ok, result.Status);
        return result;
    }
}
