namespace Paraloom.Privacy.Curve;

/// <summary>
/// The GLV endomorphism of secp256k1: λ·(x, y) = (β·x, y) for cube roots of unity λ mod n and β mod p.
/// Splitting k = k1 + k2·λ with both halves near 2^128 halves the doublings of a multiplication. The
/// split follows libsecp256k1's (rounded products with precomputed g1, g2, then the lattice basis) and,
/// like all scalar arithmetic, has no data-dependent branches.
/// </summary>
internal static class Glv
{
    public static readonly FieldElement Beta = FieldElement.FromHex("7ae96a2b657c07106e64479eac3434e99cf0497512f58995c1396c28719501ee");

    public static readonly Scalar Lambda = Scalar.FromHex("5363ad4cc05c30e0a5261c028812645a122e22ea20816678df02967c1b23bd72");

    private static readonly Scalar MinusLambda = -Lambda;
    private static readonly Scalar MinusB1 = Scalar.FromHex("00000000000000000000000000000000e4437ed6010e88286f547fa90abfe4c3");
    private static readonly Scalar MinusB2 = Scalar.FromHex("fffffffffffffffffffffffffffffffe8a280ac50774346dd765cda83db1562c");
    private static readonly Scalar G1 = Scalar.FromHex("3086d221a7d46bcde86c90e49284eb153daa8a1471e8ca7fe893209a45dbb031");
    private static readonly Scalar G2 = Scalar.FromHex("e4437ed6010e88286f547fa90abfe4c4221208ac9df506c61571b4ae8ac47f71");

    /// <summary>k = k1 + k2·λ (mod n), where k1 and k2 are each ± a number below 2^128.</summary>
    public static void Split(in Scalar k, out Scalar k1, out Scalar k2)
    {
        Scalar c1 = Scalar.MultiplyShift384(k, G1) * MinusB1;
        Scalar c2 = Scalar.MultiplyShift384(k, G2) * MinusB2;
        k2 = c1 + c2;
        k1 = k2 * MinusLambda + k;
    }
}
