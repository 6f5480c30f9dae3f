using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Privacy;

[ShortRunJob]
[MemoryDiagnoser]
public class OwnershipProofBenchmarks
{
    private SecretKey _requester = null!;
    private CommitmentValue _value = null!;
    private Blinding _blinding = null!;
    private OwnershipContext _context = null!;
    private OwnershipProof _proof = null!;

    [GlobalSetup]
    public void Setup()
    {
        _requester = SecretKey.Generate();
        _value = CommitmentValue.OfData("private input"u8);
        _blinding = Blinding.Random();
        var job = new JobBinding("job-1", SHA256.HashData("module"u8), PedersenCommitment.Commit(_value, _blinding), _requester.PublicKey);
        _context = new OwnershipContext(job, "submit");
        _proof = OwnershipProof.Create(_requester, _value, _blinding, _context);
    }

    [GlobalCleanup]
    public void Cleanup() => _requester.Dispose();

    [Benchmark]
    public OwnershipProof Create() => OwnershipProof.Create(_requester, _value, _blinding, _context);

    [Benchmark]
    public bool Verify() => _proof.Verify(_context);
}
