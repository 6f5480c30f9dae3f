using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Paraloom.Privacy.Curve;

/// <summary>
/// An element of the secp256k1 base field, integers modulo p = 2^256 − 2^32 − 977, as four 64-bit limbs
/// (least significant first), always fully reduced so equality is limb equality. Every operation is
/// branch-free on the values and allocates nothing: the reductions fold the high half back in with
/// 2^256 ≡ 2^32 + 977 (mod p) and finish with a masked conditional subtraction.
/// </summary>
internal readonly struct FieldElement : IEquatable<FieldElement>
{
    public const int Size = 32;

    /// <summary>2^256 − p: folding a carry out of the top limb adds this.</summary>
    private const ulong Fold = 0x1000003D1;

    private const ulong P0 = 0xFFFFFFFEFFFFFC2F, POnes = ulong.MaxValue;

    private readonly ulong _l0, _l1, _l2, _l3;

    private FieldElement(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        _l0 = l0;
        _l1 = l1;
        _l2 = l2;
        _l3 = l3;
    }

    public static FieldElement Zero => default;

    public static FieldElement One => new(1, 0, 0, 0);

    /// <summary>The curve constant 7 of y² = x³ + 7.</summary>
    public static FieldElement B => new(7, 0, 0, 0);

    public bool IsZero => (_l0 | _l1 | _l2 | _l3) == 0;

    public bool IsOdd => (_l0 & 1) != 0;

    /// <summary>Reads 32 big-endian bytes; false when the integer is not below p.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bigEndian, out FieldElement element)
    {
        ulong l3 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian);
        ulong l2 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian[8..]);
        ulong l1 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian[16..]);
        ulong l0 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian[24..]);
        element = new FieldElement(l0, l1, l2, l3);
        bool belowP = (l3 & l2 & l1) != POnes || l0 < P0;
        return belowP;
    }

    /// <summary>Builds a constant from its big-endian hex form (tables of curve constants).</summary>
    public static FieldElement FromHex(string hex)
    {
        if (!TryRead(Convert.FromHexString(hex), out FieldElement element))
            throw new ArgumentOutOfRangeException(nameof(hex), "A field constant must be below p.");
        return element;
    }

    public void Write(Span<byte> bigEndian)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian, _l3);
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian[8..], _l2);
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian[16..], _l1);
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian[24..], _l0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement operator +(in FieldElement a, in FieldElement b)
    {
        ulong carry = 0;
        ulong s0 = AddWithCarry(a._l0, b._l0, ref carry);
        ulong s1 = AddWithCarry(a._l1, b._l1, ref carry);
        ulong s2 = AddWithCarry(a._l2, b._l2, ref carry);
        ulong s3 = AddWithCarry(a._l3, b._l3, ref carry);
        return ReduceOnce(s0, s1, s2, s3, carry);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement operator -(in FieldElement a, in FieldElement b)
    {
        ulong borrow = 0;
        ulong d0 = SubtractWithBorrow(a._l0, b._l0, ref borrow);
        ulong d1 = SubtractWithBorrow(a._l1, b._l1, ref borrow);
        ulong d2 = SubtractWithBorrow(a._l2, b._l2, ref borrow);
        ulong d3 = SubtractWithBorrow(a._l3, b._l3, ref borrow);
        // On a borrow the limbs hold a − b + 2^256; a − b + p is that minus (2^256 − p), and stays positive.
        ulong correction = Fold & (0 - borrow);
        borrow = 0;
        d0 = SubtractWithBorrow(d0, correction, ref borrow);
        d1 = SubtractWithBorrow(d1, 0, ref borrow);
        d2 = SubtractWithBorrow(d2, 0, ref borrow);
        d3 = SubtractWithBorrow(d3, 0, ref borrow);
        return new FieldElement(d0, d1, d2, d3);
    }

    public static FieldElement operator -(in FieldElement a) => Zero - a;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement operator *(in FieldElement a, in FieldElement b)
    {
        // Operand scanning: each step a·b + two limbs fits in 128 bits, so no column ever overflows.
        ulong carry = 0;
        ulong r0 = MultiplyAdd(a._l0, b._l0, 0, ref carry);
        ulong r1 = MultiplyAdd(a._l0, b._l1, 0, ref carry);
        ulong r2 = MultiplyAdd(a._l0, b._l2, 0, ref carry);
        ulong r3 = MultiplyAdd(a._l0, b._l3, 0, ref carry);
        ulong r4 = carry;

        carry = 0;
        r1 = MultiplyAdd(a._l1, b._l0, r1, ref carry);
        r2 = MultiplyAdd(a._l1, b._l1, r2, ref carry);
        r3 = MultiplyAdd(a._l1, b._l2, r3, ref carry);
        r4 = MultiplyAdd(a._l1, b._l3, r4, ref carry);
        ulong r5 = carry;

        carry = 0;
        r2 = MultiplyAdd(a._l2, b._l0, r2, ref carry);
        r3 = MultiplyAdd(a._l2, b._l1, r3, ref carry);
        r4 = MultiplyAdd(a._l2, b._l2, r4, ref carry);
        r5 = MultiplyAdd(a._l2, b._l3, r5, ref carry);
        ulong r6 = carry;

        carry = 0;
        r3 = MultiplyAdd(a._l3, b._l0, r3, ref carry);
        r4 = MultiplyAdd(a._l3, b._l1, r4, ref carry);
        r5 = MultiplyAdd(a._l3, b._l2, r5, ref carry);
        r6 = MultiplyAdd(a._l3, b._l3, r6, ref carry);
        ulong r7 = carry;

        return Reduce(r0, r1, r2, r3, r4, r5, r6, r7);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FieldElement Square()
    {
        // The six cross products a_i·a_j (i < j) are computed once and doubled, then the squares added.
        ulong carry = 0;
        ulong c1 = MultiplyAdd(_l0, _l1, 0, ref carry);
        ulong c2 = MultiplyAdd(_l0, _l2, 0, ref carry);
        ulong c3 = MultiplyAdd(_l0, _l3, 0, ref carry);
        ulong c4 = carry;

        carry = 0;
        c3 = MultiplyAdd(_l1, _l2, c3, ref carry);
        c4 = MultiplyAdd(_l1, _l3, c4, ref carry);
        ulong c5 = carry;

        carry = 0;
        c5 = MultiplyAdd(_l2, _l3, c5, ref carry);
        ulong c6 = carry;

        ulong c7 = c6 >> 63;
        c6 = (c6 << 1) | (c5 >> 63);
        c5 = (c5 << 1) | (c4 >> 63);
        c4 = (c4 << 1) | (c3 >> 63);
        c3 = (c3 << 1) | (c2 >> 63);
        c2 = (c2 << 1) | (c1 >> 63);
        c1 <<= 1;

        ulong h0 = Math.BigMul(_l0, _l0, out ulong r0);
        ulong h1 = Math.BigMul(_l1, _l1, out ulong s1);
        ulong h2 = Math.BigMul(_l2, _l2, out ulong s2);
        ulong h3 = Math.BigMul(_l3, _l3, out ulong s3);
        carry = 0;
        ulong r1 = AddWithCarry(c1, h0, ref carry);
        ulong r2 = AddWithCarry(c2, s1, ref carry);
        ulong r3 = AddWithCarry(c3, h1, ref carry);
        ulong r4 = AddWithCarry(c4, s2, ref carry);
        ulong r5 = AddWithCarry(c5, h2, ref carry);
        ulong r6 = AddWithCarry(c6, s3, ref carry);
        ulong r7 = AddWithCarry(c7, h3, ref carry);

        return Reduce(r0, r1, r2, r3, r4, r5, r6, r7);
    }

    /// <summary>Multiplies by a small constant (the curve's 3b = 21 in the point formulas).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public FieldElement MultiplySmall(uint factor)
    {
        ulong carry = 0;
        ulong r0 = MultiplyAdd(_l0, factor, 0, ref carry);
        ulong r1 = MultiplyAdd(_l1, factor, 0, ref carry);
        ulong r2 = MultiplyAdd(_l2, factor, 0, ref carry);
        ulong r3 = MultiplyAdd(_l3, factor, 0, ref carry);
        return FoldTop(r0, r1, r2, r3, carry);
    }

    /// <summary>a^(p−2) = a⁻¹ by Fermat (0 maps to 0), through the addition chain of libsecp256k1: 255 squarings, 15 multiplications.</summary>
    public FieldElement Invert()
    {
        FieldElement x2, x3, x22, x223;
        PowerChain(this, out x2, out x3, out x22, out x223);
        FieldElement t = x223.SquareTimes(23) * x22;
        t = t.SquareTimes(5) * this;
        t = t.SquareTimes(3) * x2;
        return t.SquareTimes(2) * this;
    }

    /// <summary>
    /// a⁻¹ by the binary extended Euclidean algorithm (0 maps to 0): several times faster than
    /// <see cref="Invert"/>, but its running time depends on a, so only for PUBLIC values.
    /// </summary>
    public FieldElement InvertVariableTime()
    {
        if (IsZero) return Zero;
        // Invariants: x1·a ≡ u and x2·a ≡ v (mod p); u and v shrink until one of them is 1.
        Span<ulong> u = [_l0, _l1, _l2, _l3];
        Span<ulong> v = [P0, POnes, POnes, POnes];
        FieldElement x1 = One, x2 = Zero;
        while (true)
        {
            while ((u[0] & 1) == 0)
            {
                ShiftRightOne(u);
                x1 = x1.Halve();
            }
            while ((v[0] & 1) == 0)
            {
                ShiftRightOne(v);
                x2 = x2.Halve();
            }
            if (IsOne(u)) return x1;
            if (IsOne(v)) return x2;
            if (GreaterOrEqual(u, v))
            {
                SubtractInPlace(u, v);
                x1 -= x2;
            }
            else
            {
                SubtractInPlace(v, u);
                x2 -= x1;
            }
        }
    }

    /// <summary>The square root a^((p+1)/4) with its parity as found; false when a is not a square.</summary>
    public bool TrySqrt(out FieldElement root)
    {
        FieldElement x2, x3, x22, x223;
        PowerChain(this, out x2, out x3, out x22, out x223);
        FieldElement t = x223.SquareTimes(23) * x22;
        t = t.SquareTimes(6) * x2;
        root = t.SquareTimes(2);
        return root.Square().Equals(this);
    }

    /// <summary>Constant time: <paramref name="whenSet"/> where every bit of <paramref name="mask"/> is set, else <paramref name="whenClear"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FieldElement Select(ulong mask, in FieldElement whenSet, in FieldElement whenClear) => new(
        (whenSet._l0 & mask) | (whenClear._l0 & ~mask),
        (whenSet._l1 & mask) | (whenClear._l1 & ~mask),
        (whenSet._l2 & mask) | (whenClear._l2 & ~mask),
        (whenSet._l3 & mask) | (whenClear._l3 & ~mask));

    public bool Equals(FieldElement other) =>
        ((_l0 ^ other._l0) | (_l1 ^ other._l1) | (_l2 ^ other._l2) | (_l3 ^ other._l3)) == 0;

    public override bool Equals(object? obj) => obj is FieldElement other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_l0, _l1, _l2, _l3);

    public override string ToString() => "FieldElement";

    private FieldElement SquareTimes(int count)
    {
        FieldElement result = this;
        for (int i = 0; i < count; i++) result = result.Square();
        return result;
    }

    /// <summary>a/2 mod p: a itself when even, else (a + p)/2.</summary>
    public FieldElement Halve()
    {
        ulong mask = 0 - (_l0 & 1);
        ulong carry = 0;
        ulong l0 = AddWithCarry(_l0, P0 & mask, ref carry);
        ulong l1 = AddWithCarry(_l1, POnes & mask, ref carry);
        ulong l2 = AddWithCarry(_l2, POnes & mask, ref carry);
        ulong l3 = AddWithCarry(_l3, POnes & mask, ref carry);
        return new FieldElement((l0 >> 1) | (l1 << 63), (l1 >> 1) | (l2 << 63), (l2 >> 1) | (l3 << 63), (l3 >> 1) | (carry << 63));
    }

    private static void ShiftRightOne(Span<ulong> limbs)
    {
        for (int i = 0; i < limbs.Length - 1; i++) limbs[i] = (limbs[i] >> 1) | (limbs[i + 1] << 63);
        limbs[^1] >>= 1;
    }

    private static bool IsOne(ReadOnlySpan<ulong> limbs) => limbs[0] == 1 && (limbs[1] | limbs[2] | limbs[3]) == 0;

    private static bool GreaterOrEqual(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (int i = a.Length - 1; i >= 0; i--)
        {
            if (a[i] != b[i]) return a[i] > b[i];
        }
        return true;
    }

    private static void SubtractInPlace(Span<ulong> a, ReadOnlySpan<ulong> b)
    {
        ulong borrow = 0;
        for (int i = 0; i < a.Length; i++) a[i] = SubtractWithBorrow(a[i], b[i], ref borrow);
    }

    /// <summary>The blocks of ones shared by the exponents p − 2 and (p + 1)/4: a^(2^k − 1) for k = 2, 3, 22, 223.</summary>
    private static void PowerChain(in FieldElement a, out FieldElement x2, out FieldElement x3, out FieldElement x22, out FieldElement x223)
    {
        x2 = a.Square() * a;
        x3 = x2.Square() * a;
        FieldElement x6 = x3.SquareTimes(3) * x3;
        FieldElement x9 = x6.SquareTimes(3) * x3;
        FieldElement x11 = x9.SquareTimes(2) * x2;
        x22 = x11.SquareTimes(11) * x11;
        FieldElement x44 = x22.SquareTimes(22) * x22;
        FieldElement x88 = x44.SquareTimes(44) * x44;
        FieldElement x176 = x88.SquareTimes(88) * x88;
        FieldElement x220 = x176.SquareTimes(44) * x44;
        x223 = x220.SquareTimes(3) * x3;
    }

    /// <summary>Reduces a 512-bit product: the high half times 2^256 folds in as high·(2^32 + 977).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement Reduce(ulong r0, ulong r1, ulong r2, ulong r3, ulong r4, ulong r5, ulong r6, ulong r7)
    {
        ulong carry = 0;
        ulong l0 = MultiplyAdd(r4, Fold, r0, ref carry);
        ulong l1 = MultiplyAdd(r5, Fold, r1, ref carry);
        ulong l2 = MultiplyAdd(r6, Fold, r2, ref carry);
        ulong l3 = MultiplyAdd(r7, Fold, r3, ref carry);
        return FoldTop(l0, l1, l2, l3, carry);
    }

    /// <summary>Folds a top limb below 2^34 back in; the result may need one final subtraction of p.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement FoldTop(ulong l0, ulong l1, ulong l2, ulong l3, ulong top)
    {
        ulong carry = 0;
        l0 = MultiplyAdd(top, Fold, l0, ref carry);
        l1 = AddWithCarry(l1, 0, ref carry);
        l2 = AddWithCarry(l2, 0, ref carry);
        l3 = AddWithCarry(l3, 0, ref carry);
        // A carry here leaves l below 2^35, so this second fold cannot carry again.
        l0 += Fold & (0 - carry);
        return ReduceOnce(l0, l1, l2, l3, 0);
    }

    /// <summary>Maps carry·2^256 + l, known to be below 2p, into [0, p).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static FieldElement ReduceOnce(ulong l0, ulong l1, ulong l2, ulong l3, ulong carry)
    {
        // l − p = l + (2^256 − p) − 2^256: it is the answer exactly when that addition carries out.
        ulong c = 0;
        ulong m0 = AddWithCarry(l0, Fold, ref c);
        ulong m1 = AddWithCarry(l1, 0, ref c);
        ulong m2 = AddWithCarry(l2, 0, ref c);
        ulong m3 = AddWithCarry(l3, 0, ref c);
        ulong useReduced = 0 - (c | carry);
        return new FieldElement(
            (m0 & useReduced) | (l0 & ~useReduced),
            (m1 & useReduced) | (l1 & ~useReduced),
            (m2 & useReduced) | (l2 & ~useReduced),
            (m3 & useReduced) | (l3 & ~useReduced));
    }

    /// <summary>a·b + addend + carry as (returned low limb, new carry); it never exceeds 128 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong MultiplyAdd(ulong a, ulong b, ulong addend, ref ulong carry)
    {
        ulong high = Math.BigMul(a, b, out ulong low);
        low += addend;
        high += Bit(low < addend);
        low += carry;
        high += Bit(low < carry);
        carry = high;
        return low;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong AddWithCarry(ulong a, ulong b, ref ulong carry)
    {
        ulong sum = a + b;
        ulong result = sum + carry;
        carry = Bit(sum < a) | Bit(result < sum);
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong SubtractWithBorrow(ulong a, ulong b, ref ulong borrow)
    {
        ulong difference = a - b;
        ulong result = difference - borrow;
        borrow = Bit(a < b) | Bit(difference < borrow);
        return result;
    }

    /// <summary>A comparison as 0 or 1 without a branch (a flag move, never a jump).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Bit(bool condition) => Unsafe.BitCast<bool, byte>(condition);
}
