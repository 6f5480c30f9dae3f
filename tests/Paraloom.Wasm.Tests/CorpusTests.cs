using Paraloom.Wasm.Tests.Support;

namespace Paraloom.Wasm.Tests;

/// <summary>The bench-corpus programs on their check inputs must produce the independently computed outputs.</summary>
public sealed class CorpusTests
{
    [Theory]
    [InlineData("sha256", "check")]
    [InlineData("sha256", "check0")]
    [InlineData("matmul", "check")]
    [InlineData("fannkuch", "check")]
    public void Program_output_matches_the_expected_bytes(string program, string input)
    {
        var directory = CorpusProgram.CorpusDirectory;
        Assert.True(Directory.Exists(directory), $"the bench corpus is missing: {directory}");
        var bytes = File.ReadAllBytes(Path.Combine(directory, "inputs", $"{program}-{input}.bin"));
        var expected = File.ReadAllText(Path.Combine(directory, "expected", $"{program}-{input}.hex")).Trim();

        var output = CorpusProgram.Run(new Engine(), program, bytes);

        Assert.Equal(expected, Convert.ToHexString(output).ToLowerInvariant());
    }

    [Fact]
    public void Fuel_use_of_a_program_is_identical_across_engines_and_runs()
    {
        var input = File.ReadAllBytes(Path.Combine(CorpusProgram.CorpusDirectory, "inputs", "fannkuch-check.bin"));
        var fuel = Enumerable.Range(0, 3).Select(_ =>
        {
            var engine = new Engine();
            var limits = new StoreLimits { Fuel = 10_000_000_000 };
            var wasm = File.ReadAllBytes(Path.Combine(CorpusProgram.CorpusDirectory, "build", "fannkuch.wasm"));
            var store = new Store(engine, limits);
            var instance = Instance.Create(store, engine.LoadModule(wasm));
            var pointer = instance.GetFunction("alloc")!.Invoke(Value.I32(input.Length))[0].AsI32();
            instance.GetMemory("memory")!.Write(pointer, input);
            instance.GetFunction("run")!.Invoke(Value.I32(pointer), Value.I32(input.Length));
            return store.FuelConsumed;
        }).Distinct().ToList();
        Assert.Single(fuel);
        Assert.True(fuel[0] > 0);
    }
}
