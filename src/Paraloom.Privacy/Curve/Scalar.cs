using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Paraloom.Privacy.Curve;

/// <summary>
/// An integer modulo the secp256k1 group order n, as four 64-bit limbs (least significant first), always
/// fully reduced. Arithmetic is branch-free on the values (scalars are often secret) and allocates nothing;
/// products reduce by folding with 2^256 ≡ 2^256 − n (a 129-bit constant).
/// </summary>
internal readonly struct Scalar : IEquatable<Scalar>
{
    public const int Size = 32;
    private const int WideLimbs = 8;

    private const ulong N0 = 0xBFD25E8CD0364141, N1 = 0xBAAEDCE6AF48A03B, N2 = 0xFFFFFFFFFFFFFFFE, N3 = 0xFFFFFFFFFFFFFFFF;

    // 2^256 − n.
    private const ulong C0 = 0x402DA1732FC9BEBF, C1 = 0x4551231950B75FC4, C2 = 1;

    private readonly ulong _l0, _l1, _l2, _l3;

    private Scalar(ulong l0, ulong l1, ulong l2, ulong l3)
    {
        _l0 = l0;
        _l1 = l1;
        _l2 = l2;
        _l3 = l3;
    }

    public static Scalar Zero => default;

    public static Scalar One => new(1, 0, 0, 0);

    public bool IsZero => (_l0 | _l1 | _l2 | _l3) == 0;

    /// <summary>Reads 32 big-endian bytes; false (and zero) unless the integer is below n.</summary>
    public static bool TryRead(ReadOnlySpan<byte> bigEndian, out Scalar scalar)
    {
        ReadLimbs(bigEndian, out ulong l0, out ulong l1, out ulong l2, out ulong l3);
        ulong borrow = 0;
        FieldElement.SubtractWithBorrow(l0, N0, ref borrow);
        FieldElement.SubtractWithBorrow(l1, N1, ref borrow);
        FieldElement.SubtractWithBorrow(l2, N2, ref borrow);
        FieldElement.SubtractWithBorrow(l3, N3, ref borrow);
        scalar = borrow == 1 ? new Scalar(l0, l1, l2, l3) : Zero;
        return borrow == 1;
    }

    /// <summary>Reads 32 big-endian bytes as an integer reduced modulo n (hash outputs, BIP-340 nonces).</summary>
    public static Scalar ReadReduced(ReadOnlySpan<byte> bigEndian)
    {
        ReadLimbs(bigEndian, out ulong l0, out ulong l1, out ulong l2, out ulong l3);
        return ReduceOnce(l0, l1, l2, l3, 0);
    }

    /// <summary>A 64-bit integer (an amount) as a scalar.</summary>
    public static Scalar FromUInt64(ulong value) => new(value, 0, 0, 0);

    /// <summary>Builds a constant from its big-endian hex form.</summary>
    public static Scalar FromHex(string hex)
    {
        if (!TryRead(Convert.FromHexString(hex), out Scalar scalar))
            throw new ArgumentOutOfRangeException(nameof(hex), "A scalar constant must be below n.");
        return scalar;
    }

    public void Write(Span<byte> bigEndian)
    {
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian, _l3);
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian[8..], _l2);
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian[16..], _l1);
        BinaryPrimitives.WriteUInt64BigEndian(bigEndian[24..], _l0);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[Size];
        Write(bytes);
        return bytes;
    }

    /// <summary>Bits 4i to 4i + 3 (a public position, a possibly secret value).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Nibble(int index)
    {
        int limb = index >> 4;
        ulong word = limb switch { 0 => _l0, 1 => _l1, 2 => _l2, _ => _l3 };
        return (int)(word >> ((index & 15) * 4)) & 0xF;
    }

    public static Scalar operator +(in Scalar a, in Scalar b)
    {
        ulong carry = 0;
        ulong s0 = FieldElement.AddWithCarry(a._l0, b._l0, ref carry);
        ulong s1 = FieldElement.AddWithCarry(a._l1, b._l1, ref carry);
        ulong s2 = FieldElement.AddWithCarry(a._l2, b._l2, ref carry);
        ulong s3 = FieldElement.AddWithCarry(a._l3, b._l3, ref carry);
        return ReduceOnce(s0, s1, s2, s3, carry);
    }

    public static Scalar operator -(in Scalar a) => Zero - a;

    public static Scalar operator -(in Scalar a, in Scalar b)
    {
        ulong borrow = 0;
        ulong d0 = FieldElement.SubtractWithBorrow(a._l0, b._l0, ref borrow);
        ulong d1 = FieldElement.SubtractWithBorrow(a._l1, b._l1, ref borrow);
        ulong d2 = FieldElement.SubtractWithBorrow(a._l2, b._l2, ref borrow);
        ulong d3 = FieldElement.SubtractWithBorrow(a._l3, b._l3, ref borrow);
        // On a borrow the limbs hold a − b + 2^256; adding n wraps them to a − b + n.
        ulong mask = 0 - borrow;
        ulong carry = 0;
        d0 = FieldElement.AddWithCarry(d0, N0 & mask, ref carry);
        d1 = FieldElement.AddWithCarry(d1, N1 & mask, ref carry);
        d2 = FieldElement.AddWithCarry(d2, N2 & mask, ref carry);
        d3 = FieldElement.AddWithCarry(d3, N3 & mask, ref carry);
        return new Scalar(d0, d1, d2, d3);
    }

    public static Scalar operator *(in Scalar a, in Scalar b)
    {
        Span<ulong> wide = stackalloc ulong[WideLimbs];
        MultiplyWide(a, b, wide);
        // Three folds of the limbs above 2^256 (times 2^256 − n) bring any product below 2^256 + 2^134.
        FoldHighHalf(wide);
        FoldHighHalf(wide);
        FoldHighHalf(wide);
        Scalar result = ReduceOnce(wide[0], wide[1], wide[2], wide[3], wide[4]);
        wide.Clear();
        return result;
    }

    /// <summary>round(a·b / 2^384) for the GLV split; b is a public constant.</summary>
    public static Scalar MultiplyShift384(in Scalar a, in Scalar b)
    {
        Span<ulong> wide = stackalloc ulong[WideLimbs];
        MultiplyWide(a, b, wide);
        ulong roundUp = wide[5] >> 63;
        ulong carry = 0;
        ulong low = FieldElement.AddWithCarry(wide[6], roundUp, ref carry);
        ulong high = FieldElement.AddWithCarry(wide[7], 0, ref carry);
        wide.Clear();
        return new Scalar(low, high, 0, 0);
    }

    /// <summary>
    /// The value as a sign and a magnitude below 2^128 (GLV halves), false when neither the scalar nor
    /// its negation is that small. Variable time: for public data only.
    /// </summary>
    public bool TryGetSmallSigned(out UInt128 magnitude, out bool negative)
    {
        Scalar negated = -this;
        negative = (_l2 | _l3) != 0;
        Scalar small = negative ? negated : this;
        magnitude = new UInt128(small._l1, small._l0);
        return (small._l2 | small._l3) == 0;
    }

    /// <summary>
    /// Constant time, for a value known to be ± a number below 2^128 (a GLV half): that number, and a mask
    /// of all ones when the value was its negation.
    /// </summary>
    public Scalar AbsoluteOfSmall(out ulong negativeMask)
    {
        ulong high = _l2 | _l3;
        negativeMask = 0 - ((high | (0 - high)) >> 63);
        return Select(negativeMask, -this, this);
    }

    /// <summary>−this when <paramref name="negate"/>, else this, without a branch.</summary>
    public Scalar NegateIf(bool negate) => Select(0 - (ulong)Unsafe.BitCast<bool, byte>(negate), -this, this);

    /// <summary>Constant time: <paramref name="whenSet"/> where every bit of <paramref name="mask"/> is set, else <paramref name="whenClear"/>.</summary>
    private static Scalar Select(ulong mask, in Scalar whenSet, in Scalar whenClear) => new(
        (whenSet._l0 & mask) | (whenClear._l0 & ~mask),
        (whenSet._l1 & mask) | (whenClear._l1 & ~mask),
        (whenSet._l2 & mask) | (whenClear._l2 & ~mask),
        (whenSet._l3 & mask) | (whenClear._l3 & ~mask));

    public bool Equals(Scalar other) =>
        ((_l0 ^ other._l0) | (_l1 ^ other._l1) | (_l2 ^ other._l2) | (_l3 ^ other._l3)) == 0;

    public override bool Equals(object? obj) => obj is Scalar other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(_l0, _l1, _l2, _l3);

    // Scalars are often secret: never print one.
    public override string ToString() => "Scalar(redacted)";

    private static void ReadLimbs(ReadOnlySpan<byte> bigEndian, out ulong l0, out ulong l1, out ulong l2, out ulong l3)
    {
        if (bigEndian.Length != Size) throw new ArgumentException("A scalar is 32 bytes.", nameof(bigEndian));
        l3 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian);
        l2 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian[8..]);
        l1 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian[16..]);
        l0 = BinaryPrimitives.ReadUInt64BigEndian(bigEndian[24..]);
    }

    private static void MultiplyWide(in Scalar a, in Scalar b, Span<ulong> wide)
    {
        ReadOnlySpan<ulong> x = [a._l0, a._l1, a._l2, a._l3];
        ReadOnlySpan<ulong> y = [b._l0, b._l1, b._l2, b._l3];
        wide.Clear();
        for (int i = 0; i < 4; i++)
        {
            ulong carry = 0;
            for (int j = 0; j < 4; j++)
            {
                UInt128 t = Math.BigMul(x[i], y[j]) + wide[i + j] + carry;
                wide[i + j] = (ulong)t;
                carry = (ulong)(t >> 64);
            }
            wide[i + 4] = carry;
        }
    }

    /// <summary>wide = low 256 bits + (bits above 2^256)·(2^256 − n), carrying through all eight limbs.</summary>
    private static void FoldHighHalf(Span<ulong> wide)
    {
        Span<ulong> high = stackalloc ulong[4];
        wide[4..].CopyTo(high);
        wide[4..].Clear();
        ReadOnlySpan<ulong> c = [C0, C1, C2];
        for (int i = 0; i < high.Length; i++)
        {
            ulong carry = 0;
            for (int j = 0; j < WideLimbs - i; j++)
            {
                ulong factor = j < c.Length ? c[j] : 0;
                UInt128 t = Math.BigMul(high[i], factor) + wide[i + j] + carry;
                wide[i + j] = (ulong)t;
                carry = (ulong)(t >> 64);
            }
        }
        high.Clear();
    }

    /// <summary>Maps top·2^256 + l, known to be below 2n, into [0, n).</summary>
    private static Scalar ReduceOnce(ulong l0, ulong l1, ulong l2, ulong l3, ulong top)
    {
        // l − n = l + (2^256 − n) − 2^256: it is the answer exactly when that addition carries out of 2^256.
        ulong c = 0;
        ulong m0 = FieldElement.AddWithCarry(l0, C0, ref c);
        ulong m1 = FieldElement.AddWithCarry(l1, C1, ref c);
        ulong m2 = FieldElement.AddWithCarry(l2, C2, ref c);
        ulong m3 = FieldElement.AddWithCarry(l3, 0, ref c);
        ulong useReduced = 0 - (c | top);
        return new Scalar(
            (m0 & useReduced) | (l0 & ~useReduced),
            (m1 & useReduced) | (l1 & ~useReduced),
            (m2 & useReduced) | (l2 & ~useReduced),
            (m3 & useReduced) | (l3 & ~useReduced));
    }
}
