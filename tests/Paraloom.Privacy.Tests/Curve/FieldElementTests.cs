using Org.BouncyCastle.Math;
using Paraloom.Privacy.Curve;

namespace Paraloom.Privacy.Tests.Curve;

/// <summary>Field arithmetic mod p against BigInteger on thousands of random values and the edges.</summary>
public class FieldElementTests
{
    private static readonly BigInteger P = Reference.P;

    [Fact]
    public void Arithmetic_matches_big_integers()
    {
        BigInteger[] values = Reference.Values(2000, P, seed: 1).ToArray();
        BigInteger[] others = Reference.Values(2000, P, seed: 2).Reverse().ToArray();
        for (int i = 0; i < values.Length; i++)
        {
            BigInteger a = values[i], b = others[i];
            FieldElement x = Reference.ToField(a), y = Reference.ToField(b);
            Assert.Equal(a.Add(b).Mod(P), Reference.ToBig(x + y));
            Assert.Equal(a.Subtract(b).Mod(P), Reference.ToBig(x - y));
            Assert.Equal(a.Negate().Mod(P), Reference.ToBig(-x));
            Assert.Equal(a.Multiply(b).Mod(P), Reference.ToBig(x * y));
            Assert.Equal(a.Multiply(a).Mod(P), Reference.ToBig(x.Square()));
            Assert.Equal(a.Multiply(BigInteger.ValueOf(21)).Mod(P), Reference.ToBig(x.MultiplySmall(21)));
            Assert.Equal(a, Reference.ToBig(x.Halve() + x.Halve()));
        }
    }

    [Fact]
    public void Inversion_matches_big_integers_and_maps_zero_to_zero()
    {
        foreach (BigInteger a in Reference.Values(300, P, seed: 3))
        {
            BigInteger expected = a.SignValue == 0 ? BigInteger.Zero : a.ModInverse(P);
            Assert.Equal(expected, Reference.ToBig(Reference.ToField(a).Invert()));
            Assert.Equal(expected, Reference.ToBig(Reference.ToField(a).InvertVariableTime()));
        }
    }

    [Fact]
    public void Square_roots_exist_exactly_for_squares()
    {
        int squares = 0;
        foreach (BigInteger a in Reference.Values(300, P, seed: 4))
        {
            FieldElement x = Reference.ToField(a);
            bool isSquare = a.SignValue == 0 || a.ModPow(P.Subtract(BigInteger.One).ShiftRight(1), P).Equals(BigInteger.One);
            Assert.Equal(isSquare, x.TrySqrt(out FieldElement root));
            if (isSquare) Assert.Equal(x, root.Square());
            FieldElement square = x.Square();
            Assert.True(square.TrySqrt(out FieldElement squareRoot));
            Assert.True(squareRoot.Equals(x) || squareRoot.Equals(-x));
            if (isSquare) squares++;
        }
        Assert.InRange(squares, 100, 220);
    }

    [Fact]
    public void Encoding_accepts_exactly_the_integers_below_p()
    {
        Assert.True(FieldElement.TryRead(Reference.Bytes32(P.Subtract(BigInteger.One)), out FieldElement largest));
        Assert.Equal(P.Subtract(BigInteger.One), Reference.ToBig(largest));
        Assert.False(FieldElement.TryRead(Reference.Bytes32(P), out _));
        Assert.False(FieldElement.TryRead(Reference.Bytes32(P.Add(BigInteger.One)), out _));
        Assert.False(FieldElement.TryRead(Enumerable.Repeat((byte)0xFF, 32).ToArray(), out _));
        Assert.True(FieldElement.TryRead(new byte[32], out FieldElement zero) && zero.IsZero);
    }

    [Fact]
    public void Constant_time_select_takes_all_of_one_side()
    {
        FieldElement a = Reference.ToField(BigInteger.ValueOf(12345)), b = Reference.ToField(P.Subtract(BigInteger.Two));
        Assert.Equal(a, FieldElement.Select(ulong.MaxValue, a, b));
        Assert.Equal(b, FieldElement.Select(0, a, b));
        Assert.Equal(ulong.MaxValue, Masks.Equal(7, 7));
        Assert.Equal(0UL, Masks.Equal(7, 6));
        Assert.Equal(0UL, Masks.Equal(0, 15));
    }
}
