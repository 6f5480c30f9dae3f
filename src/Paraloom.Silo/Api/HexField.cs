namespace Paraloom.Silo.Api;

/// <summary>A request field of fixed-length binary in hex, refused with a 400 that names the field when it is anything else.</summary>
internal static class HexField
{
    public static byte[] Parse(string field, string? hex, int length)
    {
        if (hex is null || hex.Length != length * 2 || !hex.All(char.IsAsciiHexDigit))
        {
            throw ApiProblemException.BadRequest($"'{field}' must be {length * 2} hexadecimal characters.");
        }
        return Convert.FromHexString(hex);
    }
}
