using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Orleans.TestingHost;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Jobs;

/// <summary>
/// A trivial private job (echo of 64 bytes, K = 3) end to end through one in-process Orleans silo on memory storage: submit,
/// hand out keys, agree, fetch the result with a signed challenge, decrypt. <c>OnePrivateJob</c> is the
/// latency (p50, p95 and max columns: BenchmarkDotNet 0.14 has no p99); <c>ConcurrentPrivateJobs</c> runs <see cref="Concurrency"/> at once, so
/// jobs/s = Concurrency / Mean. For p99 and sustained throughput, run <see cref="PrivateJobThroughput"/>.
/// </summary>
/// <remarks>dotnet run -c Release --project tests/Paraloom.Benchmarks -- --filter '*PrivateJobBenchmarks*'</remarks>
[Config(typeof(LatencyConfig))]
public class PrivateJobBenchmarks
{
    // Every K = 3 job takes a slot on each of the three validators. Their load reaches the registry a moment after
    // a job ends, so the next iteration's jobs must fit beside the last one's: capacity 2 × Concurrency.
    public const int Concurrency = 4;
    private const int Capacity = 2 * Concurrency;

    private readonly byte[] _module = Repository.Program("echo");
    private readonly byte[] _input = new byte[64];
    private readonly SecretKey _requester = SecretKey.Generate();
    private InProcessTestCluster _cluster = null!;
    private int _next;

    [GlobalSetup]
    public async Task StartAsync()
    {
        _cluster = await BenchmarkSilo.StartAsync(3, Capacity);
    }

    [GlobalCleanup]
    public async Task StopAsync()
    {
        await _cluster.DisposeAsync();
        _requester.Dispose();
    }

    [Benchmark]
    public Task<byte[]> OnePrivateJob() => RunJobAsync($"bench-{Interlocked.Increment(ref _next)}");

    [Benchmark(OperationsPerInvoke = Concurrency)]
    public Task ConcurrentPrivateJobs() =>
        Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => RunJobAsync($"bench-{Interlocked.Increment(ref _next)}")));

    private Task<byte[]> RunJobAsync(string jobId) =>
        new PrivateJobClient(_cluster.Client, _requester, _module).RunAsync(jobId, _input);

    private sealed class LatencyConfig : ManualConfig
    {
        public LatencyConfig()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.P100);
        }
    }
}
