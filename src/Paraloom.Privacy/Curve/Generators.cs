using System.Security.Cryptography;

namespace Paraloom.Privacy.Curve;

/// <summary>
/// The two fixed generators: G, and the Pedersen generator H = lift_x(SHA256(uncompressed G)) of Elements
/// and Grin, whose discrete logarithm to G nobody knows. Their tables — constant-time windows for secret
/// scalars, odd multiples for public ones — are built once, on first use, by whichever thread gets there first.
/// </summary>
internal static class Generators
{
    /// <summary>NAF width for G and H: 64 odd multiples (and their λ images) per generator.</summary>
    private const int PublicWindow = 8;

    public static AffinePoint G { get; } = new(
        FieldElement.FromHex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
        FieldElement.FromHex("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"));

    public static AffinePoint H { get; } = DeriveH();

    private static readonly Lazy<FixedBaseTable> GTable = new(() => new FixedBaseTable(G));
    private static readonly Lazy<FixedBaseTable> HTable = new(() => new FixedBaseTable(H));
    private static readonly Lazy<OddMultiplesTable> GOddMultiples = new(() => new OddMultiplesTable(G, PublicWindow));
    private static readonly Lazy<OddMultiplesTable> HOddMultiples = new(() => new OddMultiplesTable(H, PublicWindow));

    public static OddMultiplesTable GMultiples => GOddMultiples.Value;

    public static OddMultiplesTable HMultiples => HOddMultiples.Value;

    /// <summary>k·G in constant time.</summary>
    public static ProjectivePoint MultiplyG(in Scalar k) => GTable.Value.Multiply(k);

    /// <summary>amount·G in constant time over the amount's 64 bits.</summary>
    public static ProjectivePoint MultiplyG(ulong amount) =>
        GTable.Value.Multiply(Scalar.FromUInt64(amount), FixedBaseTable.WindowsFor64Bits);

    /// <summary>k·H in constant time.</summary>
    public static ProjectivePoint MultiplyH(in Scalar k) => HTable.Value.Multiply(k);

    private static AffinePoint DeriveH()
    {
        Span<byte> uncompressedG = stackalloc byte[1 + 2 * FieldElement.Size];
        uncompressedG[0] = 0x04;
        G.X.Write(uncompressedG[1..]);
        G.Y.Write(uncompressedG[(1 + FieldElement.Size)..]);
        if (!Secp256k1.TryLiftX(SHA256.HashData(uncompressedG), out AffinePoint h))
            throw new InvalidOperationException("SHA256(G) is not an x coordinate on secp256k1.");
        return h;
    }
}
