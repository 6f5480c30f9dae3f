using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Math;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Privacy;

/// <summary>Pedersen commitments: v·G + r·H through the fixed-base tables, and on BouncyCastle's comb.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class CommitmentBenchmarks
{
    private readonly CommitmentValue _amount = CommitmentValue.OfAmount(1_234_567_890);
    private readonly CommitmentValue _data = CommitmentValue.OfData("a private input of some length"u8);
    private readonly Blinding _blinding = Blinding.Random();
    private PedersenCommitment _commitment = null!;
    private BigInteger _bcValue = null!;
    private BigInteger _bcBlinding = null!;

    [GlobalSetup]
    public void Setup()
    {
        _commitment = PedersenCommitment.Commit(_data, _blinding);
        _bcValue = new BigInteger(1, System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)).Mod(BouncyCastleBaseline.N);
        _bcBlinding = new BigInteger(1, _blinding.ExportBytes());
        BouncyCastleBaseline.Commit(_bcValue, _bcBlinding);
    }

    [Benchmark]
    public PedersenCommitment CommitAmount() => PedersenCommitment.Commit(_amount, _blinding);

    [Benchmark]
    public PedersenCommitment CommitData() => PedersenCommitment.Commit(_data, _blinding);

    [Benchmark]
    public Org.BouncyCastle.Math.EC.ECPoint CommitDataOnBouncyCastle() => BouncyCastleBaseline.Commit(_bcValue, _bcBlinding);

    [Benchmark]
    public bool Open() => _commitment.Opens(_data, _blinding);
}
