using Paraloom.Compute.Execution;
using Paraloom.Compute.Tests.Support;

namespace Paraloom.Compute.Tests.Execution;

/// <summary>The shared bench corpus and the project's own on their check inputs: outputs must match the independent references byte for byte.</summary>
public sealed class BenchCorpusTests : IDisposable
{
    private readonly ExecutionScheduler _scheduler = new(new ExecutionSchedulerOptions { ConcurrentExecutions = 1 });

    public void Dispose() => _scheduler.Dispose();

    [Theory]
    [InlineData("sha256", "check")]
    [InlineData("sha256", "check0")]
    [InlineData("matmul", "check")]
    [InlineData("fannkuch", "check")]
    public Task Outputs_match_the_expected_bytes(string program, string input) =>
        RunsAsExpected(SharedData.BenchCorpus, program, input);

    [Theory]
    [InlineData("recurse", "check")]
    [InlineData("collatz", "check")]
    [InlineData("stream", "check")]
    public Task The_project_corpus_outputs_match_the_expected_bytes(string program, string input) =>
        RunsAsExpected(SharedData.ProjectCorpus, program, input);

    private async Task RunsAsExpected(Func<string[], string> corpus, string program, string input)
    {
        var executor = new ComputeExecutor(_scheduler);
        var module = await File.ReadAllBytesAsync(corpus(["build", $"{program}.wasm"]));
        var bytes = await File.ReadAllBytesAsync(corpus(["inputs", $"{program}-{input}.bin"]));
        var expected = (await File.ReadAllTextAsync(corpus(["expected", $"{program}-{input}.hex"]))).Trim();

        var limits = new ResourceLimits { Fuel = 10_000_000_000, WallClock = TimeSpan.FromMinutes(2) };
        var result = await executor.ExecuteAsync(new ExecutionRequest(module, bytes, limits));

        Assert.Equal(ExecutionStatus.Ok, result.Status);
        Assert.Equal(expected, Convert.ToHexStringLower(result.Output.Span));
        var again = await executor.ExecuteAsync(new ExecutionRequest(module, bytes, limits));
        Assert.Equal(result.Digest, again.Digest);
        Assert.Equal(result.FuelUsed, again.FuelUsed);
    }

    [Fact]
    public async Task Fuel_is_identical_across_fresh_engines_and_runs()
    {
        var module = await File.ReadAllBytesAsync(SharedData.BenchCorpus("build", "fannkuch.wasm"));
        var input = await File.ReadAllBytesAsync(SharedData.BenchCorpus("inputs", "fannkuch-check.bin"));
        var limits = new ResourceLimits { Fuel = 10_000_000_000, WallClock = TimeSpan.FromMinutes(2) };
        var fuel = new List<long>();
        for (var engineRun = 0; engineRun < 3; engineRun++)
        {
            using var engine = new SandboxEngine();
            var executor = new ComputeExecutor(_scheduler, engine);
            for (var run = 0; run < 2; run++)
            {
                var result = await executor.ExecuteAsync(new ExecutionRequest(module, input, limits));
                Assert.Equal(ExecutionStatus.Ok, result.Status);
                fuel.Add(result.FuelUsed);
            }
        }
        Assert.Single(fuel.Distinct());
        Assert.True(fuel[0] > 0);
    }
}
