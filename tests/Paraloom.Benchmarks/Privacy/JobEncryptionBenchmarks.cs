using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Privacy;

/// <summary>Key hand-out to one validator, and sealing a 1 KiB output.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class JobEncryptionBenchmarks
{
    private readonly byte[] _output = new byte[1024];
    private SecretKey _requester = null!;
    private SecretKey _validator = null!;
    private JobKey _jobKey = null!;
    private JobBinding _job = null!;
    private WrappedJobKey _wrapped = null!;

    [GlobalSetup]
    public void Setup()
    {
        _requester = SecretKey.Generate();
        _validator = SecretKey.Generate();
        _jobKey = JobKey.CreateNew(_requester, out _);
        var commitment = PedersenCommitment.Commit(CommitmentValue.OfData("input"u8), Blinding.Random());
        _job = new JobBinding("job-1", SHA256.HashData("module"u8), commitment, _requester.PublicKey);
        _wrapped = KeyWrap.Wrap(_jobKey, _validator.PublicKey, _job);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _jobKey.Dispose();
        _validator.Dispose();
        _requester.Dispose();
    }

    [Benchmark]
    public WrappedJobKey Wrap() => KeyWrap.Wrap(_jobKey, _validator.PublicKey, _job);

    [Benchmark]
    public void Unwrap()
    {
        using JobKey key = KeyWrap.Unwrap(_wrapped, _validator, _job);
    }

    [Benchmark]
    public SealedOutput SealOutput1KiB() => OutputSealer.Seal(_jobKey, _job, 1, _output);
}
