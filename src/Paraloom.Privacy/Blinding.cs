using System.Security.Cryptography;
using Paraloom.Privacy.Native;

namespace Paraloom.Privacy;

/// <summary>
/// The blinding factor r of a Pedersen commitment: a scalar modulo the group order. It is half of the
/// opening, so it is treated as a secret: kept in a pinned buffer, never shown by ToString, exported only
/// through <see cref="ExportBytes"/>, and zeroed on <see cref="Dispose"/>. Blindings add and subtract like the
/// commitments they blind.
/// </summary>
public sealed class Blinding : IDisposable
{
    public const int Size = ScalarMath.Size;

    private readonly byte[] _scalar = GC.AllocateArray<byte>(Size, pinned: true);
    private bool _disposed;

    private Blinding(ReadOnlySpan<byte> scalar) => scalar.CopyTo(_scalar);

    /// <summary>r as 32 big-endian bytes below n.</summary>
    internal ReadOnlySpan<byte> Scalar
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _scalar;
        }
    }

    /// <summary>A fresh, uniformly random, non-zero blinding from the CSPRNG.</summary>
    public static Blinding Random()
    {
        Span<byte> candidate = stackalloc byte[Size];
        try
        {
            while (true)
            {
                RandomNumberGenerator.Fill(candidate);
                if (ScalarMath.IsValidNonZero(candidate)) return new Blinding(candidate);
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
        if (!ScalarMath.IsBelowOrder(bytes))
            throw new InvalidEncodingException("A blinding must be below the secp256k1 group order.");
        return new Blinding(bytes);
    }

    public byte[] ExportBytes() => Scalar.ToArray();

    public static Blinding operator +(Blinding left, Blinding right) => Combine(left, right, ScalarMath.Add);

    public static Blinding operator -(Blinding left, Blinding right) => Combine(left, right, ScalarMath.Subtract);

    public override string ToString() => "Blinding(redacted)";

    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_scalar);
        _disposed = true;
    }

    private delegate void Operation(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> result);

    private static Blinding Combine(Blinding left, Blinding right, Operation operation)
    {
        Span<byte> result = stackalloc byte[Size];
        try
        {
            operation(left.Scalar, right.Scalar, result);
            return new Blinding(result);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(result);
        }
    }
}
