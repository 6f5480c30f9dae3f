using BenchmarkDotNet.Attributes;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Privacy;

/// <summary>BIP-340 signing and verification of a validator vote–sized message.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SchnorrBenchmarks
{
    /// <summary>A cohort of three validators, as the private-job benchmarks run.</summary>
    private const int CohortSize = 3;

    private readonly byte[] _message = new byte[72];
    private SecretKey _key = null!;
    private SchnorrSignature _signature = null!;
    private byte[] _publicKeyBytes = null!;
    private SignedMessage[] _cohortVotes = null!;

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_message);
        _key = SecretKey.Generate();
        _signature = _key.Sign(_message);
        _publicKeyBytes = _key.PublicKey.ToBytes();
        _cohortVotes = Enumerable.Range(0, CohortSize).Select(_ =>
        {
            using SecretKey validator = SecretKey.Generate();
            return new SignedMessage(validator.PublicKey, _message, validator.Sign(_message));
        }).ToArray();
    }

    [GlobalCleanup]
    public void Cleanup() => _key.Dispose();

    [Benchmark]
    public SchnorrSignature Sign() => _key.Sign(_message);

    [Benchmark]
    public bool Verify() => _key.PublicKey.Verify(_message, _signature);

    /// <summary>Verification including lift_x of a public key received as bytes.</summary>
    [Benchmark]
    public bool ParseKeyAndVerify() => PublicKey.FromBytes(_publicKeyBytes).Verify(_message, _signature);

    /// <summary>A cohort's three votes in one batch.</summary>
    [Benchmark]
    public bool VerifyBatchOfThree() => SchnorrSignature.VerifyBatch(_cohortVotes);
}
