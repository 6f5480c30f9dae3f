namespace Paraloom.Privacy.Curve;

/// <summary>Branch-free masks for constant-time selects: all ones or all zeros.</summary>
internal static class Masks
{
    /// <summary>All ones when a = b, else zero, for small non-negative integers (table indices, digits).</summary>
    public static ulong Equal(int a, int b) => 0 - (((ulong)(uint)(a ^ b) - 1) >> 63);
}
