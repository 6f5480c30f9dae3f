using System.Security.Cryptography;
using System.Text;

namespace Paraloom.Actors.Storage;

/// <summary>
/// Turns arbitrary text (grain keys, state names) into a file name that is valid on every file system,
/// short enough, and unique even where names are case-insensitive: a readable prefix for people plus a
/// hash of the exact text for uniqueness.
/// </summary>
internal static class SafeFileName
{
    private const int ReadableLength = 40;
    private const int HashHexLength = 32;

    public static string For(string text) => Compose(text, text);

    /// <summary>A file name for a grain: readable from its key, unique for its type and key together.</summary>
    public static string For(GrainId grainId) => Compose(grainId.Key, $"{grainId.Type.Length}:{grainId.Type}{grainId.Key}");

    private static string Compose(string readableSource, string exactText)
    {
        var readable = new StringBuilder(ReadableLength);
        foreach (var character in readableSource.AsSpan(0, Math.Min(readableSource.Length, ReadableLength)))
        {
            readable.Append(char.IsAsciiLetterOrDigit(character) || character is '-' or '_' ? character : '_');
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(exactText)))[..HashHexLength];
        return readable.Length == 0 ? hash : $"{readable}-{hash}";
    }
}
