using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Paraloom.Actors;
using Paraloom.Actors.Testing;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Benchmarks.Jobs;

/// <summary>
/// A trivial private job (echo of 64 bytes, K = 3) end to end in one process on memory storage: submit,
/// hand out keys, agree, fetch the result with a signed challenge, decrypt. <c>OnePrivateJob</c> is the
/// latency (p50, p95 and max columns: BenchmarkDotNet 0.14 has no p99); <c>ConcurrentPrivateJobs</c> runs <see cref="Concurrency"/> at once, so
/// jobs/s = Concurrency / Mean.
/// </summary>
/// <remarks>dotnet run -c Release --project tests/Paraloom.Benchmarks -- --filter '*PrivateJobBenchmarks*'</remarks>
[Config(typeof(LatencyConfig))]
public class PrivateJobBenchmarks
{
    // At most what three validators of capacity 4 take at once: more would be refused for want of validators.
    public const int Concurrency = 4;

    private readonly byte[] _module = File.ReadAllBytes(ProgramPath("echo"));
    private readonly byte[] _input = new byte[64];
    private readonly SecretKey _requester = SecretKey.Generate();
    private InProcessTestCluster _cluster = null!;
    private int _next;

    [GlobalSetup]
    public async Task StartAsync()
    {
        _cluster = new InProcessTestCluster(
            silo => silo.AddMemoryGrainStorage(PersistentStateAttribute.DefaultStorageName).UseInMemoryReminderService(),
            services => services.AddParaloomCompute(options => options.LocalValidators.Count = 3));
        await _cluster.StartAsync();
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

    private async Task<byte[]> RunJobAsync(string jobId)
    {
        var job = _cluster.GrainFactory.GetGrain<IComputeJobGrain>(jobId);
        var status = await job.SubmitAsync(JobSubmission.Confidential(
            _module, _requester.PublicKey, PrivateJobInput.Seal(jobId, _module, _input, _requester)));
        status = await job.DeliverKeysAsync(status.Attempt, status.Privacy!.WrapKeyFor(_requester, status.Cohort));
        while (!status.IsFinal)
        {
            await Task.Delay(1);
            status = await job.GetStatusAsync();
        }
        var challenge = await job.CreateResultChallengeAsync();
        var result = await job.GetResultAsync(challenge, ResultAuthorization.Sign(_requester, jobId, challenge.Nonce.Span));
        return result.Decrypt(_requester);
    }

    internal static string ProgramPath(string name)
    {
        var root = Environment.GetEnvironmentVariable("PARALOOM_REPO_ROOT");
        for (var directory = new DirectoryInfo(root ?? AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Paraloom.Orleans.sln")))
            {
                return Path.Combine(directory.FullName, "src", "programs", name + ".wasm");
            }
        }
        throw new DirectoryNotFoundException("Set PARALOOM_REPO_ROOT to the repository root: Paraloom.Orleans.sln is not above the benchmark.");
    }

    private sealed class LatencyConfig : ManualConfig
    {
        public LatencyConfig()
        {
            AddColumn(StatisticColumn.P50, StatisticColumn.P95, StatisticColumn.P100);
        }
    }
}
