using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Paraloom.Privacy.Native;

/// <summary>
/// A secp256k1 point other than the identity, in libsecp256k1's opaque 64-byte secp256k1_pubkey form (which
/// cannot hold the identity: every operation whose result would be the identity reports failure instead).
/// </summary>
[InlineArray(Size)]
internal struct CurvePoint
{
    public const int Size = 64;
    public const int CompressedSize = 33;
    public const int XOnlySize = 32;

    private byte _first;

    /// <summary>
    /// The Pedersen generator H = lift_x(SHA256(uncompressed G)) of Elements and Grin, whose discrete logarithm to
    /// G nobody knows (x = 50929b74…3ac0).
    /// </summary>
    public static CurvePoint H { get; } = DeriveH();

    /// <summary>k·G in constant time; false when k is zero.</summary>
    public static unsafe bool TryMultiplyG(ReadOnlySpan<byte> k, out CurvePoint point)
    {
        point = default;
        if (ScalarMath.IsZero(k)) return false;
        fixed (byte* p = (Span<byte>)point)
        fixed (byte* s = k)
        {
            return LibSecp256k1.PubkeyCreate(Secp256k1Context.Handle, p, s) == 1;
        }
    }

    /// <summary>k·this in constant time; false when k is zero.</summary>
    public readonly unsafe bool TryMultiply(ReadOnlySpan<byte> k, out CurvePoint product)
    {
        product = this;
        if (ScalarMath.IsZero(k)) return false;
        fixed (byte* p = (Span<byte>)product)
        fixed (byte* s = k)
        {
            return LibSecp256k1.PubkeyTweakMul(Secp256k1Context.Handle, p, s) == 1;
        }
    }

    /// <summary>this + k·G for a public k (variable time); false when the sum is the identity.</summary>
    public readonly unsafe bool TryAddMultipleOfG(ReadOnlySpan<byte> k, out CurvePoint sum)
    {
        sum = this;
        fixed (byte* p = (Span<byte>)sum)
        fixed (byte* s = k)
        {
            return LibSecp256k1.PubkeyTweakAdd(Secp256k1Context.Handle, p, s) == 1;
        }
    }

    public readonly unsafe CurvePoint Negate()
    {
        CurvePoint negated = this;
        fixed (byte* p = (Span<byte>)negated) LibSecp256k1.PubkeyNegate(Secp256k1Context.Handle, p);
        return negated;
    }

    /// <summary>The sum of the points; false when it is the identity (or there are none).</summary>
    public static unsafe bool TrySum(ReadOnlySpan<CurvePoint> points, out CurvePoint sum)
    {
        sum = default;
        if (points.IsEmpty) return false;
        byte** inputs = stackalloc byte*[points.Length];
        fixed (CurvePoint* first = points)
        fixed (byte* output = (Span<byte>)sum)
        {
            for (int i = 0; i < points.Length; i++) inputs[i] = (byte*)(first + i);
            return LibSecp256k1.PubkeyCombine(Secp256k1Context.Handle, output, inputs, (nuint)points.Length) == 1;
        }
    }

    /// <summary>A 33-byte SEC1 compressed point; false for anything else or a point off the curve.</summary>
    public static unsafe bool TryParseCompressed(ReadOnlySpan<byte> encoded, out CurvePoint point)
    {
        point = default;
        if (encoded.Length != CompressedSize || (encoded[0] != 0x02 && encoded[0] != 0x03)) return false;
        fixed (byte* p = (Span<byte>)point)
        fixed (byte* input = encoded)
        {
            return LibSecp256k1.PubkeyParse(Secp256k1Context.Handle, p, input, CompressedSize) == 1;
        }
    }

    /// <summary>BIP-340 lift_x: the point with this x coordinate and even y; false when there is none.</summary>
    public static bool TryLiftX(ReadOnlySpan<byte> x, out CurvePoint point)
    {
        Span<byte> encoded = stackalloc byte[CompressedSize];
        if (x.Length != XOnlySize)
        {
            point = default;
            return false;
        }
        encoded[0] = 0x02;
        x.CopyTo(encoded[1..]);
        return TryParseCompressed(encoded, out point);
    }

    public readonly void WriteCompressed(Span<byte> destination) => Serialize(destination[..CompressedSize], LibSecp256k1.SerializeCompressed);

    private readonly unsafe void Serialize(Span<byte> destination, uint flags)
    {
        CurvePoint copy = this;
        nuint length = (nuint)destination.Length;
        fixed (byte* output = destination)
        fixed (byte* p = (Span<byte>)copy)
        {
            LibSecp256k1.PubkeySerialize(Secp256k1Context.Handle, output, &length, p, flags);
        }
    }

    private static CurvePoint DeriveH()
    {
        Span<byte> one = stackalloc byte[ScalarMath.Size];
        ScalarMath.FromUInt64(1, one);
        TryMultiplyG(one, out CurvePoint g);
        Span<byte> uncompressedG = stackalloc byte[1 + 2 * XOnlySize];
        g.Serialize(uncompressedG, LibSecp256k1.SerializeUncompressed);
        if (!TryLiftX(SHA256.HashData(uncompressedG), out CurvePoint h))
            throw new InvalidOperationException("SHA256(G) is not an x coordinate on secp256k1.");
        return h;
    }
}
