using System.Security.Cryptography;
using Paraloom.Privacy.Native;

namespace Paraloom.Privacy;

/// <summary>
/// A Pedersen commitment C = v·G + r·H on secp256k1: hides v (r is uniformly random) and binds to it
/// (nobody knows log_G H). Encoded as a 33-byte compressed point; never the point at infinity.
/// </summary>
public sealed class PedersenCommitment : IEquatable<PedersenCommitment>
{
    public const int Size = CurvePoint.CompressedSize;

    private readonly byte[] _encoded;

    private PedersenCommitment(in CurvePoint point)
    {
        Point = point;
        _encoded = new byte[Size];
        point.WriteCompressed(_encoded);
    }

    internal CurvePoint Point { get; }

    public static PedersenCommitment Commit(CommitmentValue value, Blinding blinding)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(blinding);
        return TryCompute(value, blinding, out CurvePoint point)
            ? new PedersenCommitment(point)
            : throw new InvalidOperationException("The commitment is the point at infinity, which has no encoding.");
    }

    /// <summary>Whether (value, blinding) opens this commitment.</summary>
    public bool Opens(CommitmentValue value, Blinding blinding)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(blinding);
        if (!TryCompute(value, blinding, out CurvePoint recomputed)) return false;
        Span<byte> encoded = stackalloc byte[Size];
        recomputed.WriteCompressed(encoded);
        return CryptographicOperations.FixedTimeEquals(encoded, _encoded);
    }

    public static PedersenCommitment FromBytes(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length != Size)
            throw new InvalidEncodingException("A commitment is 33 bytes (a compressed secp256k1 point).");
        if (!CurvePoint.TryParseCompressed(encoded, out CurvePoint point))
            throw new InvalidEncodingException("The commitment is not a compressed point on secp256k1.");
        return new PedersenCommitment(point);
    }

    public static PedersenCommitment FromHex(string hex) => FromBytes(Hex.Decode(hex, Size, "commitment"));

    public byte[] ToBytes() => (byte[])_encoded.Clone();

    internal ReadOnlySpan<byte> AsSpan() => _encoded;

    public string ToHex() => Hex.Encode(_encoded);

    /// <summary>Commits to the sum of the values under the sum of the blindings.</summary>
    public static PedersenCommitment operator +(PedersenCommitment left, PedersenCommitment right) =>
        Sum(left.Point, right.Point);

    /// <summary>Commits to the difference; throws when the two are equal (the difference is the identity).</summary>
    public static PedersenCommitment operator -(PedersenCommitment left, PedersenCommitment right) =>
        Sum(left.Point, right.Point.Negate());

    public bool Equals(PedersenCommitment? other) =>
        other is not null && CryptographicOperations.FixedTimeEquals(_encoded, other._encoded);

    public override bool Equals(object? obj) => Equals(obj as PedersenCommitment);

    public override int GetHashCode() => BitConverter.ToInt32(_encoded, 1);

    public override string ToString() => ToHex();

    private static PedersenCommitment Sum(in CurvePoint left, in CurvePoint right) =>
        CurvePoint.TrySum([left, right], out CurvePoint sum)
            ? new PedersenCommitment(sum)
            : throw new InvalidOperationException("The commitment is the point at infinity, which has no encoding.");

    /// <summary>v·G + r·H, both products in constant time; false when it is the identity.</summary>
    private static bool TryCompute(CommitmentValue value, Blinding blinding, out CurvePoint commitment) =>
        TryCommit(value.Scalar, blinding.Scalar, out commitment);

    /// <summary>
    /// a·G + b·H for secret a and b, in constant time (libsecp256k1's k·G and k·P); a zero term is left out,
    /// because libsecp256k1's points cannot hold the identity.
    /// </summary>
    internal static bool TryCommit(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, out CurvePoint commitment)
    {
        Span<CurvePoint> terms = stackalloc CurvePoint[2];
        int count = 0;
        if (CurvePoint.TryMultiplyG(a, out terms[count])) count++;
        if (CurvePoint.H.TryMultiply(b, out terms[count])) count++;
        return CurvePoint.TrySum(terms[..count], out commitment);
    }
}
