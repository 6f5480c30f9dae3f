using System.Security.Cryptography;
using Paraloom.Privacy.Curve;

namespace Paraloom.Privacy;

/// <summary>
/// A Pedersen commitment C = v·G + r·H on secp256k1: hides v (r is uniformly random) and binds to it
/// (nobody knows log_G H). Encoded as a 33-byte compressed point; never the point at infinity.
/// </summary>
public sealed class PedersenCommitment : IEquatable<PedersenCommitment>
{
    public const int Size = Secp256k1.CompressedSize;

    private readonly byte[] _encoded;

    private PedersenCommitment(in AffinePoint point)
    {
        Point = point;
        _encoded = new byte[Size];
        Secp256k1.WriteCompressed(Point, _encoded);
    }

    private PedersenCommitment(in ProjectivePoint point)
        : this(point.TryToAffine(out AffinePoint affine)
            ? affine
            : throw new InvalidOperationException("The commitment is the point at infinity, which has no encoding."))
    {
    }

    internal AffinePoint Point { get; }

    public static PedersenCommitment Commit(CommitmentValue value, Blinding blinding)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(blinding);
        return new PedersenCommitment(Compute(value, blinding));
    }

    /// <summary>Whether (value, blinding) opens this commitment.</summary>
    public bool Opens(CommitmentValue value, Blinding blinding)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(blinding);
        if (!Compute(value, blinding).TryToAffine(out AffinePoint recomputed)) return false;
        Span<byte> encoded = stackalloc byte[Size];
        Secp256k1.WriteCompressed(recomputed, encoded);
        return CryptographicOperations.FixedTimeEquals(encoded, _encoded);
    }

    public static PedersenCommitment FromBytes(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != Size)
            throw new InvalidEncodingException("A commitment is 33 bytes (a compressed secp256k1 point).");
        if (!Secp256k1.TryDecodeCompressed(encoded, out AffinePoint point))
            throw new InvalidEncodingException("The commitment is not a compressed point on secp256k1.");
        return new PedersenCommitment(point);
    }

    public static PedersenCommitment FromHex(string hex) => FromBytes(Hex.Decode(hex, Size, "commitment"));

    public byte[] ToBytes() => (byte[])_encoded.Clone();

    internal ReadOnlySpan<byte> AsSpan() => _encoded;

    public string ToHex() => Hex.Encode(_encoded);

    /// <summary>Commits to the sum of the values under the sum of the blindings.</summary>
    public static PedersenCommitment operator +(PedersenCommitment left, PedersenCommitment right) =>
        new(new ProjectivePoint(left.Point) + right.Point);

    /// <summary>Commits to the difference; throws when the two are equal (the difference is the identity).</summary>
    public static PedersenCommitment operator -(PedersenCommitment left, PedersenCommitment right) =>
        new(new ProjectivePoint(left.Point) + right.Point.Negate());

    public bool Equals(PedersenCommitment? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_encoded, other._encoded);

    public override bool Equals(object? obj) => Equals(obj as PedersenCommitment);

    public override int GetHashCode() => BitConverter.ToInt32(_encoded, 1);

    public override string ToString() => ToHex();

    /// <summary>v·G + r·H, both products in constant time; an amount needs only its 64 bits of G's table.</summary>
    private static ProjectivePoint Compute(CommitmentValue value, Blinding blinding)
    {
        ProjectivePoint valueTimesG = value.Amount is { } amount
            ? Generators.MultiplyG(amount)
            : Generators.MultiplyG(value.Scalar);
        return valueTimesG + Generators.MultiplyH(blinding.Scalar);
    }
}
