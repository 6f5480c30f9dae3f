using Org.BouncyCastle.Math;
using Paraloom.Privacy.Curve;

namespace Paraloom.Privacy.Tests.Curve;

/// <summary>Scalar arithmetic mod n, the GLV split and NAF recoding, against BigInteger.</summary>
public class ScalarTests
{
    private static readonly BigInteger N = Reference.N;

    [Fact]
    public void Arithmetic_matches_big_integers()
    {
        BigInteger[] values = Reference.Values(2000, N, seed: 11).ToArray();
        BigInteger[] others = Reference.Values(2000, N, seed: 12).Reverse().ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            BigInteger a = values[i], b = others[i];
            Scalar x = Reference.ToScalar(a), y = Reference.ToScalar(b);
            Assert.Equal(a.Add(b).Mod(N), Reference.ToBig(x + y));
            Assert.Equal(a.Subtract(b).Mod(N), Reference.ToBig(x - y));
            Assert.Equal(a.Negate().Mod(N), Reference.ToBig(-x));
            Assert.Equal(a.Multiply(b).Mod(N), Reference.ToBig(x * y));
            Assert.Equal(a.Negate().Mod(N), Reference.ToBig(x.NegateIf(true)));
            Assert.Equal(a, Reference.ToBig(x.NegateIf(false)));
            for (int nibble = 0; nibble < 64; nibble += 7)
                Assert.Equal(a.ShiftRight(4 * nibble).IntValue & 0xF, x.Nibble(nibble));
        }
    }

    [Fact]
    public void Encoding_accepts_exactly_the_integers_below_n_and_reduction_wraps()
    {
        Assert.True(Scalar.TryRead(Reference.Bytes32(N.Subtract(BigInteger.One)), out Scalar largest));
        Assert.Equal(N.Subtract(BigInteger.One), Reference.ToBig(largest));
        Assert.False(Scalar.TryRead(Reference.Bytes32(N), out _));
        byte[] allOnes = Enumerable.Repeat((byte)0xFF, 32).ToArray();
        Assert.False(Scalar.TryRead(allOnes, out _));
        BigInteger max = BigInteger.One.ShiftLeft(256).Subtract(BigInteger.One);
        Assert.Equal(max.Mod(N), Reference.ToBig(Scalar.ReadReduced(allOnes)));
        Assert.True(Scalar.ReadReduced(Reference.Bytes32(N)).IsZero);
        Assert.Equal(BigInteger.ValueOf(long.MaxValue), Reference.ToBig(Scalar.FromUInt64(long.MaxValue)));
        Assert.Throws<ArgumentException>(() => Scalar.TryRead(new byte[31], out _));
    }

    [Fact]
    public void Endomorphism_constants_are_matching_cube_roots_of_unity()
    {
        BigInteger lambda = Reference.ToBig(Glv.Lambda);
        BigInteger beta = Reference.ToBig(Glv.Beta);
        Assert.Equal(BigInteger.One, lambda.ModPow(BigInteger.Three, N));
        Assert.Equal(BigInteger.One, beta.ModPow(BigInteger.Three, Reference.P));
        AffinePoint lambdaG = Reference.ToAffine(Reference.G.Multiply(lambda));
        Assert.Equal(Generators.G.X * Glv.Beta, lambdaG.X);
        Assert.Equal(Generators.G.Y, lambdaG.Y);
    }

    [Fact]
    public void Glv_split_recombines_into_halves_below_2_to_128()
    {
        BigInteger lambda = Reference.ToBig(Glv.Lambda);
        BigInteger bound = BigInteger.One.ShiftLeft(128);
        foreach (BigInteger k in Reference.Values(3000, N, seed: 13))
        {
            Glv.Split(Reference.ToScalar(k), out Scalar k1, out Scalar k2);
            Assert.Equal(k, Reference.ToBig(k1).Add(Reference.ToBig(k2).Multiply(lambda)).Mod(N));
            foreach (Scalar half in new[] { k1, k2 })
            {
                Assert.True(half.TryGetSmallSigned(out UInt128 magnitude, out bool negative));
                BigInteger signed = new BigInteger(1, UInt128Bytes(magnitude));
                Assert.True(signed.CompareTo(bound) < 0);
                Assert.Equal(Reference.ToBig(half), (negative ? signed.Negate() : signed).Mod(N));
                Assert.Equal(signed, Reference.ToBig(half.AbsoluteOfSmall(out ulong negativeMask)));
                Assert.Equal(negative ? ulong.MaxValue : 0, negativeMask);
            }
        }
    }

    [Theory]
    [InlineData(5)]
    [InlineData(8)]
    public void Naf_digits_are_odd_sparse_and_sum_to_the_value(int window)
    {
        var random = new Random(14 + window);
        var digits = new sbyte[Wnaf.MaxDigits];
        var bytes = new byte[16];
        for (int i = 0; i < 2000; i++)
        {
            random.NextBytes(bytes);
            UInt128 magnitude = i switch { 0 => 0, 1 => 1, 2 => UInt128.MaxValue >> 1, _ => new UInt128(BitConverter.ToUInt64(bytes, 8) >> (i % 3), BitConverter.ToUInt64(bytes)) };
            bool negative = i % 2 == 1;
            int length = Wnaf.Encode(magnitude, negative, window, digits);
            BigInteger sum = BigInteger.Zero;
            int lastNonZero = -window;
            for (int position = 0; position < Wnaf.MaxDigits; position++)
            {
                int digit = digits[position];
                if (digit == 0) continue;
                Assert.True(position < length);
                Assert.True((digit & 1) == 1 && Math.Abs(digit) < 1 << (window - 1), $"digit {digit}");
                Assert.True(position - lastNonZero >= window, "non-zero digits are at least w apart");
                lastNonZero = position;
                sum = sum.Add(BigInteger.ValueOf(digit).ShiftLeft(position));
            }
            BigInteger expected = new BigInteger(1, UInt128Bytes(magnitude));
            Assert.Equal(negative ? expected.Negate() : expected, sum);
        }
    }

    private static byte[] UInt128Bytes(UInt128 value)
    {
        var bytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, value);
        return bytes;
    }
}
