using System.Security.Cryptography;
using Paraloom.Privacy.Curve;

namespace Paraloom.Privacy;

/// <summary>
/// The blinding factor r of a Pedersen commitment: a scalar modulo the group order. It is half of the
/// opening, so it is treated as a secret: never shown by ToString, exported only through
/// <see cref="ExportBytes"/>. Blindings add and subtract like the commitments they blind.
/// </summary>
public sealed class Blinding
{
    public const int Size = Secp256k1.ScalarSize;

    private Blinding(in Scalar scalar) => Scalar = scalar;

    internal Scalar Scalar { get; }

    /// <summary>A fresh, uniformly random, non-zero blinding from the CSPRNG.</summary>
    public static Blinding Random()
    {
        Span<byte> candidate = stackalloc byte[Size];
        try
        {
            while (true)
            {
                RandomNumberGenerator.Fill(candidate);
                if (Scalar.TryRead(candidate, out Scalar scalar) && !scalar.IsZero) return new Blinding(scalar);
            }
        }
        finally
        {
            candidate.Clear();
        }
    }

    /// <summary>Parses 32 big-endian bytes of a scalar below the group order.</summary>
    public static Blinding FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new InvalidEncodingException("A blinding is 32 bytes.");
        if (!Scalar.TryRead(bytes, out Scalar scalar))
            throw new InvalidEncodingException("A blinding must be below the secp256k1 group order.");
        return new Blinding(scalar);
    }

    public byte[] ExportBytes() => Scalar.ToBytes();

    public static Blinding operator +(Blinding left, Blinding right) =>
        new(left.Scalar + right.Scalar);

    public static Blinding operator -(Blinding left, Blinding right) =>
        new(left.Scalar - right.Scalar);

    public override string ToString() => "Blinding(redacted)";
}
