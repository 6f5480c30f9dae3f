using System.Text;

namespace Paraloom.Compute;

/// <summary>
/// The rule for the text fields the network authority signs (a certificate's operator and profile, a revocation's reason):
/// not empty or white space alone, at most a given number of UTF-8 bytes, no control characters, and decoded strictly, so
/// every verifier reads the same characters from the same bytes (docs/receipt-format.md).
/// </summary>
internal static class AuthorityText
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    /// <exception cref="ArgumentException">The text breaks the rule.</exception>
    public static string Checked(string value, string name, int maxBytes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (Encoding.UTF8.GetByteCount(value) > maxBytes || value.Any(char.IsControl))
        {
            throw new ArgumentException($"The {name} is at most {maxBytes} UTF-8 bytes with no control characters.", name);
        }
        return value;
    }

    /// <exception cref="ArgumentException">The bytes are not valid UTF-8.</exception>
    public static string Decode(ReadOnlySpan<byte> utf8) => Strict.GetString(utf8);
}
