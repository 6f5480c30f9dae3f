using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Math;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;
using Paraloom.Privacy;

namespace Paraloom.Benchmarks.Privacy;

/// <summary>BIP-340 signing and verification of a validator vote–sized message, and verification as it was on BouncyCastle.</summary>
[ShortRunJob]
[MemoryDiagnoser]
public class SchnorrBenchmarks
{
    private const int CohortSize = 10;

    private readonly byte[] _message = new byte[72];
    private SecretKey _key = null!;
    private SchnorrSignature _signature = null!;
    private byte[] _publicKeyBytes = null!;
    private SignedMessage[] _cohortVotes = null!;
    private BcPoint _bcPublicKey = null!;
    private byte[] _signatureBytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        Random.Shared.NextBytes(_message);
        _key = SecretKey.Generate();
        _signature = _key.Sign(_message);
        _publicKeyBytes = _key.PublicKey.ToBytes();
        _signatureBytes = _signature.ToBytes();
        _bcPublicKey = BouncyCastleBaseline.LiftX(_publicKeyBytes);
        if (!BouncyCastleBaseline.Verify(_bcPublicKey, _publicKeyBytes, _message, _signatureBytes))
            throw new InvalidOperationException("The BouncyCastle baseline rejects a valid signature.");
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

    [Benchmark]
    public bool VerifyOnBouncyCastle() => BouncyCastleBaseline.Verify(_bcPublicKey, _publicKeyBytes, _message, _signatureBytes);

    /// <summary>Verification including lift_x of a public key received as bytes.</summary>
    [Benchmark]
    public bool ParseKeyAndVerify() => PublicKey.FromBytes(_publicKeyBytes).Verify(_message, _signature);

    /// <summary>A cohort's ten votes in one batch, reported per signature.</summary>
    [Benchmark(OperationsPerInvoke = CohortSize)]
    public bool VerifyBatchOfTenPerSignature() => SchnorrSignature.VerifyBatch(_cohortVotes);
}
