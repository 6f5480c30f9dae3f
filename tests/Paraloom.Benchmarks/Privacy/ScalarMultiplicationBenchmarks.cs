using BenchmarkDotNet.Attributes;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;
using Paraloom.Privacy;
using Paraloom.Privacy.Curve;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Paraloom.Benchmarks.Privacy;

/// <summary>
/// The curve arithmetic on its own: this library's multiplications against BouncyCastle's, whose GLV k·G
/// is the in-run baseline every other privacy benchmark is read against.
/// </summary>
[ShortRunJob]
[MemoryDiagnoser]
public class ScalarMultiplicationBenchmarks
{
    private static readonly X9ECParameters Bc = CustomNamedCurves.GetByName("secp256k1");

    private readonly Scalar _scalar = Blinding.Random().Scalar;
    private readonly Scalar _other = Blinding.Random().Scalar;
    private BigInteger _bcScalar = null!;
    private BigInteger _bcOther = null!;
    private BcPoint _bcG = null!;
    private BcPoint _bcPoint = null!;
    private AffinePoint _point;
    private FieldElement _element;

    [GlobalSetup]
    public void Setup()
    {
        _bcScalar = new BigInteger(1, _scalar.ToBytes());
        _bcOther = new BigInteger(1, _other.ToBytes());
        _bcG = Bc.G.Normalize();
        _bcPoint = _bcG.Multiply(new BigInteger(1, Blinding.Random().Scalar.ToBytes())).Normalize();
        Generators.MultiplyG(_scalar).TryToAffine(out _point);
        _element = _point.X;
        VariableTimeMultiplier.Multiply(_scalar, Scalar.Zero, [_other], [_point]);
    }

    [Benchmark(Baseline = true)]
    public BcPoint BouncyCastleGlvTimesG() => _bcG.Multiply(_bcScalar).Normalize();

    [Benchmark]
    public BcPoint BouncyCastleCombTimesG() => new FixedPointCombMultiplier().Multiply(_bcG, _bcScalar).Normalize();

    [Benchmark]
    public BcPoint BouncyCastleTwoTerm() => ECAlgorithms.SumOfTwoMultiplies(_bcG, _bcScalar, _bcPoint, _bcOther).Normalize();

    [Benchmark]
    public bool FixedBaseTimesG() => Generators.MultiplyG(_scalar).TryToAffine(out _);

    [Benchmark]
    public bool TwoTermGlvStrauss() => VariableTimeMultiplier.Multiply(_scalar, Scalar.Zero, [_other], [_point]).TryToAffine(out _);

    [Benchmark]
    public bool ConstantTimeVariableBase() => ConstantTimeMultiplier.Multiply(_scalar, _point).TryToAffine(out _);

    [Benchmark]
    public bool FieldMultiplyAndSquare() => (_element * _element.Square()).IsOdd;

    [Benchmark]
    public bool FieldInvert() => _element.Invert().IsOdd;
}
