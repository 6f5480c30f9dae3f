namespace Paraloom.Privacy.Curve;

/// <summary>
/// Width-w non-adjacent form of public scalars: odd digits below 2^(w−1) in magnitude, at least w − 1
/// zeros between two non-zero digits. Variable time.
/// </summary>
internal static class Wnaf
{
    /// <summary>Digits of a GLV half (± a magnitude below 2^128) fit in this many positions.</summary>
    public const int MaxDigits = 130;

    /// <summary>Writes the digits least significant first and returns how many positions are used.</summary>
    public static int Encode(UInt128 magnitude, bool negative, int window, Span<sbyte> digits)
    {
        digits[..MaxDigits].Clear();
        int modulus = 1 << window;
        int half = modulus >> 1;
        int position = 0;
        while (magnitude != 0)
        {
            if ((magnitude & 1) != 0)
            {
                int digit = (int)(magnitude & (UInt128)(modulus - 1));
                if (digit >= half) digit -= modulus;
                // Subtracting a negative digit adds at most 2^(w−1); checked so an impossible overflow is loud.
                magnitude = digit > 0 ? magnitude - (UInt128)digit : checked(magnitude + (UInt128)(-digit));
                digits[position] = (sbyte)(negative ? -digit : digit);
            }
            magnitude >>= 1;
            position++;
        }
        return position;
    }
}
