using BenchmarkDotNet.Attributes;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Privacy;

/// <summary>Pedersen commitments v·G + r·H (libsecp256k1's k·G, k·H and point addition).</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class CommitmentBenchmarks
{
    private readonly CommitmentValue _amount = CommitmentValue.OfAmount(1_234_567_890);
    private readonly CommitmentValue _data = CommitmentValue.OfData("a private input of some length"u8);
    private readonly Blinding _blinding = Blinding.Random();
    private PedersenCommitment _commitment = null!;

    [GlobalSetup]
    public void Setup()
    {
        _commitment = PedersenCommitment.Commit(_data, _blinding);
    }

    [Benchmark]
    public PedersenCommitment CommitAmount() => PedersenCommitment.Commit(_amount, _blinding);

    [Benchmark]
    public PedersenCommitment CommitData() => PedersenCommitment.Commit(_data, _blinding);

    [Benchmark]
    public bool Open() => _commitment.Opens(_data, _blinding);
}
