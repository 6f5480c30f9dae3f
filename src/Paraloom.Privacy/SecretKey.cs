using System.Security.Cryptography;
using Paraloom.Privacy.Native;

namespace Paraloom.Privacy;

/// <summary>
/// A secp256k1 secret key (requester or validator). The 32 bytes, and libsecp256k1's key pair made from them,
/// live in pinned buffers that are zeroed on <see cref="Dispose"/>; the secret leaves them only through
/// <see cref="ExportHex"/> or a key file.
/// </summary>
public sealed unsafe class SecretKey : IDisposable
{
    public const int Size = ScalarMath.Size;
    private const int KeypairSize = 96;

    private readonly byte[] _secret = GC.AllocateArray<byte>(Size, pinned: true);
    private readonly byte[] _keypair = GC.AllocateArray<byte>(KeypairSize, pinned: true);
    private bool _disposed;

    private SecretKey(ReadOnlySpan<byte> secret)
    {
        if (!IsValid(secret))
            throw new InvalidEncodingException("A secret key is 32 bytes encoding an integer in [1, n-1] of secp256k1.");
        secret.CopyTo(_secret);
        Span<byte> xOnly = stackalloc byte[PublicKey.ParsedSize];
        int parity;
        fixed (byte* s = _secret)
        fixed (byte* keypair = _keypair)
        fixed (byte* x = xOnly)
        {
            if (LibSecp256k1.KeypairCreate(Secp256k1Context.Handle, keypair, s) != 1 ||
                LibSecp256k1.KeypairXonlyPub(Secp256k1Context.Handle, x, &parity, keypair) != 1)
                throw new InvalidOperationException("libsecp256k1 rejected a valid secret key.");
        }
        PublicKey = PublicKey.FromParsed(xOnly);
        HasEvenY = parity == 0;
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

    /// <summary>The secret scalar as given (either parity of sk·G).</summary>
    internal ReadOnlySpan<byte> Secret
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _secret;
        }
    }

    /// <summary>libsecp256k1's secp256k1_keypair, which BIP-340 signing takes.</summary>
    internal ReadOnlySpan<byte> Keypair
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _keypair;
        }
    }

    /// <summary>Writes the scalar d with d·G = the x-only public key (even y); the caller zeroes it after use.</summary>
    internal void WriteEvenYScalar(Span<byte> destination)
    {
        if (HasEvenY) Secret.CopyTo(destination);
        else ScalarMath.Negate(Secret, destination);
    }

    private static bool IsValid(ReadOnlySpan<byte> secret) => ScalarMath.IsValidNonZero(secret);

    public void Dispose()
    {
        if (_disposed) return;
        CryptographicOperations.ZeroMemory(_secret);
        CryptographicOperations.ZeroMemory(_keypair);
        _disposed = true;
    }

    public override string ToString() => $"SecretKey(public {PublicKey})";
}
