using Org.BouncyCastle.Math;
using Paraloom.Privacy.Curve;
using BcPoint = Org.BouncyCastle.Math.EC.ECPoint;

namespace Paraloom.Privacy.Tests.Curve;

/// <summary>Every scalar multiplication path against BouncyCastle's, on random scalars and the edges.</summary>
public class MultiplierTests
{
    private static readonly BcPoint H = Reference.ToBc(Generators.H);

    [Fact]
    public void Fixed_base_tables_match_the_reference()
    {
        foreach (BigInteger k in Reference.Values(400, Reference.N, seed: 31))
        {
            Scalar scalar = Reference.ToScalar(k);
            Assert.True(Reference.SamePoint(Generators.MultiplyG(scalar), Reference.G.Multiply(k)), "k·G");
            Assert.True(Reference.SamePoint(Generators.MultiplyH(scalar), H.Multiply(k)), "k·H");
        }
    }

    [Fact]
    public void Amounts_use_sixteen_windows_and_match_the_reference()
    {
        var random = new Random(32);
        var bytes = new byte[8];
        foreach (ulong amount in new ulong[] { 0, 1, 15, 16, 0xFFFF_FFFF, ulong.MaxValue }.Concat(Enumerable.Range(0, 200).Select(_ =>
                 {
                     random.NextBytes(bytes);
                     return BitConverter.ToUInt64(bytes);
                 })))
        {
            BcPoint expected = Reference.G.Multiply(new BigInteger(amount.ToString()));
            Assert.True(Reference.SamePoint(Generators.MultiplyG(amount), expected), $"amount {amount}");
        }
    }

    [Fact]
    public void Constant_time_variable_base_multiplication_matches_the_reference()
    {
        var random = new Random(33);
        var bytes = new byte[32];
        foreach (BigInteger k in Reference.Values(300, Reference.N, seed: 34))
        {
            (BcPoint bcPoint, AffinePoint point) = PointTests.RandomPoint(random, bytes);
            Assert.True(Reference.SamePoint(ConstantTimeMultiplier.Multiply(Reference.ToScalar(k), point), bcPoint.Multiply(k)));
        }
        Assert.True(ConstantTimeMultiplier.Multiply(Scalar.Zero, Generators.G).IsInfinity);
        Assert.True(Reference.SamePoint(ConstantTimeMultiplier.Multiply(-Scalar.One, Generators.G), Reference.G.Negate()));
    }

    [Fact]
    public void Interleaved_glv_multiplication_matches_the_reference()
    {
        var random = new Random(35);
        var bytes = new byte[32];
        BigInteger[] gScalars = Reference.Values(300, Reference.N, seed: 36).ToArray();
        BigInteger[] hScalars = Reference.Values(300, Reference.N, seed: 37).Reverse().ToArray();
        BigInteger[] pointScalars = Reference.Values(300, Reference.N, seed: 38).ToArray();
        for (int i = 0; i < gScalars.Length; i++)
        {
            (BcPoint bcPoint, AffinePoint point) = PointTests.RandomPoint(random, bytes);
            BigInteger g = gScalars[i], h = hScalars[i], k = pointScalars[i];
            BcPoint expected = Reference.G.Multiply(g).Add(bcPoint.Multiply(k));
            JacobianPoint twoTerms = VariableTimeMultiplier.Multiply(Reference.ToScalar(g), Scalar.Zero, [Reference.ToScalar(k)], [point]);
            Assert.True(Reference.SamePoint(twoTerms, expected), "g·G + k·P");
            JacobianPoint threeTerms = VariableTimeMultiplier.Multiply(Reference.ToScalar(g), Reference.ToScalar(h), [Reference.ToScalar(k)], [point]);
            Assert.True(Reference.SamePoint(threeTerms, expected.Add(H.Multiply(h))), "g·G + h·H + k·P");
        }
    }

    [Fact]
    public void Interleaved_multiplication_handles_cancellation_and_shared_points()
    {
        Scalar k = Reference.ToScalar(new BigInteger("123456789abcdef0123456789abcdef0123456789abcdef", 16));
        // k·G − k·G: the sum passes through P + (−P) at the end.
        Assert.True(VariableTimeMultiplier.Multiply(k, Scalar.Zero, [-k], [Generators.G]).IsInfinity);
        // The same point as G's table, and as H's, with every scalar at an edge.
        Scalar minusOne = -Scalar.One;
        BcPoint expected = Reference.G.Multiply(BigInteger.Two).Add(H.Multiply(Reference.N.Subtract(BigInteger.One)));
        Assert.True(Reference.SamePoint(VariableTimeMultiplier.Multiply(Scalar.One, minusOne, [Scalar.One], [Generators.G]), expected));
        Assert.True(VariableTimeMultiplier.Multiply(Scalar.Zero, Scalar.One, [minusOne], [Generators.H]).IsInfinity);
        Assert.True(VariableTimeMultiplier.Multiply(Scalar.Zero, Scalar.Zero, [], []).IsInfinity);
    }

    [Fact]
    public void Points_with_cached_tables_mix_with_points_without()
    {
        var random = new Random(41);
        var bytes = new byte[32];
        BigInteger[] values = Reference.Values(60, Reference.N, seed: 42).ToArray();
        for (int i = 0; i + 2 < values.Length; i += 3)
        {
            (BcPoint bcFirst, AffinePoint first) = PointTests.RandomPoint(random, bytes);
            (BcPoint bcSecond, AffinePoint second) = PointTests.RandomPoint(random, bytes);
            BigInteger g = values[i], a = values[i + 1], b = values[i + 2];
            BcPoint expected = Reference.G.Multiply(g).Add(bcFirst.Multiply(a)).Add(bcSecond.Multiply(b));
            JacobianPoint sum = VariableTimeMultiplier.Multiply(
                Reference.ToScalar(g), Scalar.Zero, [Reference.ToScalar(a), Reference.ToScalar(b)], [first, second],
                [new OddMultiplesTable(first, 8), null]);
            Assert.True(Reference.SamePoint(sum, expected));
        }
        Assert.Throws<ArgumentException>(() =>
            VariableTimeMultiplier.Multiply(Scalar.One, Scalar.Zero, [Scalar.One], [Generators.G], [null, null]));
    }

    [Fact]
    public void Public_keys_build_their_table_on_second_use_keep_it_and_still_verify_exactly()
    {
        using SecretKey secret = SecretKey.Generate();
        byte[] message = "vote"u8.ToArray();
        SchnorrSignature signature = secret.Sign(message);
        PublicKey key = PublicKey.FromBytes(secret.PublicKey.ToBytes());
        Assert.Null(key.MultiplesForVerification());
        OddMultiplesTable? table = key.MultiplesForVerification();
        Assert.NotNull(table);
        Assert.Same(table, key.MultiplesForVerification());
        Assert.True(key.Verify(message, signature));
        Assert.False(key.Verify("another vote"u8, signature));
        byte[] tampered = signature.ToBytes();
        tampered[^1] ^= 1;
        Assert.False(key.Verify(message, SchnorrSignature.FromBytes(tampered)));
    }

    [Fact]
    public void Many_points_take_the_heap_path_and_match_the_reference()
    {
        var random = new Random(39);
        var bytes = new byte[32];
        var points = new AffinePoint[9];
        var scalars = new Scalar[points.Length];
        BcPoint expected = Reference.Curve.Infinity;
        foreach ((BigInteger k, int i) in Reference.Values(points.Length, Reference.N, seed: 40).Take(points.Length).Select((k, i) => (k, i)))
        {
            (BcPoint bcPoint, points[i]) = PointTests.RandomPoint(random, bytes);
            scalars[i] = Reference.ToScalar(k);
            expected = expected.Add(bcPoint.Multiply(k));
        }
        Assert.True(Reference.SamePoint(VariableTimeMultiplier.Multiply(Scalar.Zero, Scalar.Zero, scalars, points), expected));
        Assert.Throws<ArgumentException>(() => VariableTimeMultiplier.Multiply(Scalar.One, Scalar.Zero, scalars, points[..2]));
    }
}
