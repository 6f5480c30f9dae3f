using BenchmarkDotNet.Attributes;
using Paraloom.Compute;
using Paraloom.Compute.Execution;

namespace Paraloom.Benchmarks.Compute;

/// <summary>
/// One execution through the compute executor (scheduler hop, cached module, fresh store and instance,
/// ABI calls, output copy and digest) on the bench corpus' check inputs.
/// </summary>
[MemoryDiagnoser]
public class ExecutorBenchmarks
{
    private static readonly ResourceLimits Limits = new() { Fuel = 10_000_000_000, WallClock = TimeSpan.FromMinutes(5) };

    private ExecutionScheduler _scheduler = null!;
    private ComputeExecutor _executor = null!;
    private ExecutionRequest _request = null!;

    [Params("sha256/check0", "matmul/check", "fannkuch/check")]
    public string Workload { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var (program, input) = (Workload.Split('/')[0], Workload.Split('/')[1]);
        _scheduler = new ExecutionScheduler(new ExecutionSchedulerOptions { ConcurrentExecutions = 1 });
        _executor = new ComputeExecutor(_scheduler);
        _request = new ExecutionRequest(BenchCorpus.Module(program), BenchCorpus.Input(program, input), Limits);
    }

    [GlobalCleanup]
    public void Cleanup() => _scheduler.Dispose();

    [Benchmark]
    public async Task<long> Execute() => (await _executor.ExecuteAsync(_request)).FuelUsed;
}
