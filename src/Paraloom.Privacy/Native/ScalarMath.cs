using System.Security.Cryptography;

namespace Paraloom.Privacy.Native;

/// <summary>
/// Integers modulo the group order n, as 32-byte big-endian spans, computed by libsecp256k1's constant-time
/// secret-key operations. Those refuse zero as an operand or result (a zero secret key is invalid), while
/// blindings, amounts and responses may be zero, so zero is handled here: the only branch on a secret is
/// whether it is zero.
/// </summary>
internal static unsafe class ScalarMath
{
    public const int Size = 32;

    private static ReadOnlySpan<byte> Order =>
    [
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe,
        0xba, 0xae, 0xdc, 0xe6, 0xaf, 0x48, 0xa0, 0x3b, 0xbf, 0xd2, 0x5e, 0x8c, 0xd0, 0x36, 0x41, 0x41,
    ];

    private static nint Context => Secp256k1Context.Handle;

    /// <summary>In [1, n − 1]: a valid secret key.</summary>
    public static bool IsValidNonZero(ReadOnlySpan<byte> scalar)
    {
        if (scalar.Length != Size) return false;
        fixed (byte* s = scalar) return LibSecp256k1.SeckeyVerify(Context, s) == 1;
    }

    /// <summary>In [0, n − 1].</summary>
    public static bool IsBelowOrder(ReadOnlySpan<byte> scalar) => scalar.Length == Size && (IsZero(scalar) || IsValidNonZero(scalar));

    public static bool IsZero(ReadOnlySpan<byte> scalar)
    {
        int bits = 0;
        foreach (byte b in scalar) bits |= b;
        return bits == 0;
    }

    public static void FromUInt64(ulong value, Span<byte> result)
    {
        result[..Size].Clear();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(result[(Size - sizeof(ulong))..], value);
    }

    /// <summary>A 256-bit value (a hash) mod n, in constant time: below 2^256 &lt; 2n, so at most one n comes off.</summary>
    public static void Reduce(ReadOnlySpan<byte> value, Span<byte> result)
    {
        Span<byte> difference = stackalloc byte[Size];
        int borrow = 0;
        for (int i = Size - 1; i >= 0; i--)
        {
            int d = value[i] - Order[i] - borrow;
            difference[i] = (byte)d;
            borrow = (d >> 8) & 1;
        }
        // borrow = 1: value < n, keep it; borrow = 0: take value − n.
        byte keep = (byte)-borrow;
        for (int i = 0; i < Size; i++) result[i] = (byte)((value[i] & keep) | (difference[i] & ~keep));
        CryptographicOperations.ZeroMemory(difference);
    }

    /// <summary>result = a + b mod n; result may be a or b.</summary>
    public static void Add(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result)
    {
        Span<byte> sum = stackalloc byte[Size];
        if (IsZero(a)) b.CopyTo(sum);
        else
        {
            a.CopyTo(sum);
            // The operands are valid, so the call fails only when a + b ≡ 0, and then sum must read zero.
            if (!IsZero(b))
            {
                fixed (byte* s = sum)
                fixed (byte* t = b)
                {
                    if (LibSecp256k1.SeckeyTweakAdd(Context, s, t) != 1) sum.Clear();
                }
            }
        }
        sum.CopyTo(result);
        CryptographicOperations.ZeroMemory(sum);
    }

    /// <summary>result = −a mod n; result may be a.</summary>
    public static void Negate(ReadOnlySpan<byte> a, Span<byte> result)
    {
        a.CopyTo(result);
        if (IsZero(result)) return;
        fixed (byte* s = result)
        {
            if (LibSecp256k1.SeckeyNegate(Context, s) != 1) throw new InvalidOperationException("A scalar to negate is not below the group order.");
        }
    }

    /// <summary>result = a − b mod n; result may be a or b.</summary>
    public static void Subtract(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result)
    {
        Span<byte> minusB = stackalloc byte[Size];
        Negate(b, minusB);
        Add(a, minusB, result);
        CryptographicOperations.ZeroMemory(minusB);
    }

    /// <summary>result = a · b mod n; result may be a or b.</summary>
    public static void Multiply(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result)
    {
        if (IsZero(a) || IsZero(b))
        {
            result[..Size].Clear();
            return;
        }
        Span<byte> product = stackalloc byte[Size];
        a.CopyTo(product);
        fixed (byte* p = product)
        fixed (byte* t = b)
        {
            // Both are in [1, n − 1] and n is prime, so the product is too.
            if (LibSecp256k1.SeckeyTweakMul(Context, p, t) != 1) throw new InvalidOperationException("A scalar to multiply is not below the group order.");
        }
        product.CopyTo(result);
        CryptographicOperations.ZeroMemory(product);
    }
}
