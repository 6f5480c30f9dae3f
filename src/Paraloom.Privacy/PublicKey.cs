using System.Security.Cryptography;
using Paraloom.Privacy.Curve;

namespace Paraloom.Privacy;

/// <summary>
/// A BIP-340 x-only public key: the 32-byte x coordinate of the point with even y. Parsing checks the point
/// is on the curve, so every instance is valid.
/// </summary>
public sealed class PublicKey : IEquatable<PublicKey>
{
    public const int Size = Secp256k1.XOnlySize;

    /// <summary>NAF width of a key's own table: as G's, 64 odd multiples and their λ images (8 KB).</summary>
    private const int CachedTableWindow = 8;

    private readonly byte[] _bytes;
    private OddMultiplesTable? _multiples;
    private int _uses;

    private PublicKey(byte[] bytes, in AffinePoint point)
    {
        _bytes = bytes;
        Point = point;
    }

    /// <summary>The even-y curve point.</summary>
    internal AffinePoint Point { get; }

    public static PublicKey FromBytes(ReadOnlySpan<byte> xOnly)
    {
        if (xOnly.Length != Size) throw new InvalidEncodingException("A public key is 32 bytes (BIP-340 x-only).");
        if (!Secp256k1.TryLiftX(xOnly, out AffinePoint point))
            throw new InvalidEncodingException("The public key is not the x coordinate of a secp256k1 point.");
        return new PublicKey(xOnly.ToArray(), point);
    }

    public static PublicKey FromHex(string hex) => FromBytes(Hex.Decode(hex, Size, "public key"));

    /// <summary>The x-only key of a point of either parity.</summary>
    internal static PublicKey FromPoint(in AffinePoint point)
    {
        var bytes = new byte[Size];
        Secp256k1.WriteXOnly(point, bytes);
        return new PublicKey(bytes, point.HasEvenY ? point : point.Negate());
    }

    /// <summary>
    /// The key's table of odd multiples for verification, or null on its first use: a key parsed for a single
    /// check is not worth the table (it costs about as much as a verification); from its second use on, it
    /// is built once and kept with this instance. Racing threads may each build one; one wins, all are equal.
    /// </summary>
    internal OddMultiplesTable? MultiplesForVerification()
    {
        OddMultiplesTable? table = Volatile.Read(ref _multiples);
        if (table is not null || Interlocked.Increment(ref _uses) < 2) return table;
        Interlocked.CompareExchange(ref _multiples, new OddMultiplesTable(Point, CachedTableWindow), null);
        return Volatile.Read(ref _multiples);
    }

    public byte[] ToBytes() => (byte[])_bytes.Clone();

    internal ReadOnlySpan<byte> AsSpan() => _bytes;

    public string ToHex() => Hex.Encode(_bytes);

    /// <inheritdoc cref="SchnorrSignature.Verify(PublicKey, ReadOnlySpan{byte}, SchnorrSignature)"/>
    public bool Verify(ReadOnlySpan<byte> message, SchnorrSignature signature) =>
        SchnorrSignature.Verify(this, message, signature);

    public bool Equals(PublicKey? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_bytes, other._bytes);

    public override bool Equals(object? obj) => Equals(obj as PublicKey);

    public override int GetHashCode() => BitConverter.ToInt32(_bytes, 0);

    public override string ToString() => ToHex();
}
