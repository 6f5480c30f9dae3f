using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Paraloom.Privacy;
using Paraloom.Privacy.Curve;

namespace Paraloom.Benchmarks.Privacy;

/// <summary>k·G through this library's fixed-base table against BouncyCastle's own multipliers.</summary>
[ShortRunJob]
public class ScalarMultiplicationBenchmarks
{
    private readonly BigInteger _scalar = Blinding.Random().Scalar;
    private readonly BigInteger _other = Blinding.Random().Scalar;
    private readonly ECPoint _point = Secp256k1.G.Multiply(Blinding.Random().Scalar).Normalize();

    [GlobalSetup]
    public void Setup() => Generators.MultiplyG(_scalar);

    [Benchmark(Baseline = true)]
    public ECPoint BouncyCastleGlv() => Secp256k1.G.Multiply(_scalar).Normalize();

    [Benchmark]
    public ECPoint BouncyCastleComb() => new FixedPointCombMultiplier().Multiply(Secp256k1.G, _scalar).Normalize();

    [Benchmark]
    public ECPoint FixedBaseTable() => Generators.MultiplyG(_scalar);

    [Benchmark]
    public ECPoint TwoTermInterleaved() => ECAlgorithms.SumOfTwoMultiplies(Secp256k1.G, _scalar, _point, _other).Normalize();
}
