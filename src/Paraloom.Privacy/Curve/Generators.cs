using System.Security.Cryptography;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Paraloom.Privacy.Curve;

/// <summary>
/// The two fixed generators: G, and the Pedersen generator H = lift_x(SHA256(uncompressed G)) of Elements
/// and Grin, whose discrete logarithm to G nobody knows. Their multiplication tables are built once, on
/// first use, by whichever thread gets there first.
/// </summary>
internal static class Generators
{
    public static ECPoint G => Secp256k1.G;

    public static ECPoint H { get; } = DeriveH();

    private static readonly Lazy<FixedBaseTable> GTable = new(() => new FixedBaseTable(G));
    private static readonly Lazy<FixedBaseTable> HTable = new(() => new FixedBaseTable(H));

    public static ECPoint MultiplyG(BigInteger scalar) => GTable.Value.Multiply(scalar);

    public static ECPoint MultiplyG(ReadOnlySpan<byte> bigEndianScalar) => GTable.Value.Multiply(bigEndianScalar);

    public static ECPoint MultiplyH(BigInteger scalar) => HTable.Value.Multiply(scalar);

    private static ECPoint DeriveH()
    {
        byte[] uncompressedG = Secp256k1.G.GetEncoded(false);
        return Secp256k1.TryLiftX(SHA256.HashData(uncompressedG))
            ?? throw new InvalidOperationException("SHA256(G) is not an x coordinate on secp256k1.");
    }
}
