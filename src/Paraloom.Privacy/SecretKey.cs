using System.Security.Cryptography;
using Paraloom.Privacy.Curve;

namespace Paraloom.Privacy;

/// <summary>
/// A secp256k1 secret key (requester or validator). The 32 bytes live in a pinned buffer that is zeroed on
/// <see cref="Dispose"/>; they leave it only through <see cref="ExportHex"/> or a key file.
/// </summary>
public sealed class SecretKey : IDisposable
{
    public const int Size = Secp256k1.ScalarSize;

    private readonly byte[] _secret = GC.AllocateArray<byte>(Size, pinned: true);
    private bool _disposed;

    private SecretKey(ReadOnlySpan<byte> secret)
    {
        if (!IsValid(secret))
            throw new InvalidEncodingException("A secret key is 32 bytes encoding an integer in [1, n-1] of secp256k1.");
        secret.CopyTo(_secret);
        Scalar scalar = Scalar;
        if (!Generators.MultiplyG(scalar).TryToAffine(out AffinePoint point))
            throw new InvalidOperationException("A non-zero scalar times G cannot be the point at infinity.");
        PublicKey = PublicKey.FromPoint(point);
        HasEvenY = point.HasEvenY;
    }

    public PublicKey PublicKey { get; }

    /// <summary>Whether sk·G itself has even y; BIP-340 negates the scalar when it does not.</summary>
    internal bool HasEvenY { get; }

    /// <summary>A fresh key from the operating system's CSPRNG.</summary>
    public static SecretKey Generate()
    {
        Span<byte> candidate = stackalloc byte[Size];
        try
        {
            while (true)
            {
                RandomNumberGenerator.Fill(candidate);
                if (IsValid(candidate)) return new SecretKey(candidate);
            }
        }
        finally
        {
            candidate.Clear();
        }
    }

    public static SecretKey FromBytes(ReadOnlySpan<byte> secret) => new(secret);

    public static SecretKey ImportHex(string hex)
    {
        byte[] bytes = Hex.Decode(hex, Size, "secret key");
        try
        {
            return new SecretKey(bytes);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>The secret as lowercase hex. Strings cannot be zeroed: prefer a key file.</summary>
    public string ExportHex() => Hex.Encode(Secret);

    /// <inheritdoc cref="SchnorrSignature.Sign(SecretKey, ReadOnlySpan{byte})"/>
    public SchnorrSignature Sign(ReadOnlySpan<byte> message) => SchnorrSignature.Sign(this, message);

    internal ReadOnlySpan<byte> Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    /// <summary>The scalar, as a stack value: keep copies local and short-lived.</summary>
    internal Scalar Scalar
    {
        get
        {
            Scalar.TryRead(Secret, out Scalar scalar);
            return scalar;
        }
    }

    /// <summary>The scalar d with d·G = the x-only public key (even y), as BIP-340 signs with.</summary>
    internal Scalar EvenYScalar => Scalar.NegateIf(!HasEvenY);

    private static bool IsValid(ReadOnlySpan<byte> secret) =>
        secret.Length == Size && Scalar.TryRead(secret, out Scalar scalar) && !scalar.IsZero;

    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_secret);
        _disposed = true;
    }

    public override string ToString() => $"SecretKey(public {PublicKey})";
}
