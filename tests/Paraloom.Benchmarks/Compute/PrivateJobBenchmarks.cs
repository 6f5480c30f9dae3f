using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Compute.PrivateJobs;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Benchmarks.Compute;

/// <summary>
/// The private path on one validator against the same execution in public: the difference is the cost of
/// proof verification, key unwrap, input opening, output sealing and memory zeroing.
/// </summary>
[MemoryDiagnoser]
public class PrivateJobBenchmarks
{
    private ExecutionScheduler _scheduler = null!;
    private ComputeExecutor _executor = null!;
    private PrivateJobRunner _runner = null!;
    private SecretKey _validator = null!;
    private JobSpec _job = null!;
    private WrappedJobKey _wrappedKey = null!;
    private ExecutionRequest _publicRequest = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scheduler = new ExecutionScheduler(new ExecutionSchedulerOptions { ConcurrentExecutions = 1 });
        _executor = new ComputeExecutor(_scheduler);
        _runner = new PrivateJobRunner(_executor);
        _validator = SecretKey.Generate();

        var module = BenchCorpus.Module("fannkuch");
        var input = BenchCorpus.Input("fannkuch", "check");
        using var requester = SecretKey.Generate();
        var value = CommitmentValue.OfData(input);
        var blinding = Blinding.Random();
        var commitment = PedersenCommitment.Commit(value, blinding);
        var id = JobId.New();
        var binding = PrivateEnvelope.CreateBinding(id, SHA256.HashData(module), commitment, requester.PublicKey);
        using var jobKey = JobKey.CreateNew(requester, out _);
        var proof = OwnershipProof.Create(requester, value, blinding, PrivateEnvelope.CreateOwnershipContext(binding));
        var envelope = new PrivateEnvelope(CommittedInput.Seal(jobKey, binding, blinding, input), commitment, requester.PublicKey, proof);
        _job = JobSpec.Private(id, module, envelope);
        _wrappedKey = KeyWrap.Wrap(jobKey, _validator.PublicKey, binding);
        _publicRequest = new ExecutionRequest(module, input);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _scheduler.Dispose();
        _validator.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<long> Public() => (await _executor.ExecuteAsync(_publicRequest)).FuelUsed;

    [Benchmark]
    public async Task<long> Private() => (await _runner.RunAsync(_job, 1, _wrappedKey, _validator)).FuelUsed;
}
