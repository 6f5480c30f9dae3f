using System.Security.Cryptography;

namespace Paraloom.Grains;

/// <summary>The content address of a module: the lower-case hex SHA-256 of its bytes.</summary>
public static class ModuleKey
{
    public static string For(ReadOnlySpan<byte> module) => Convert.ToHexStringLower(SHA256.HashData(module));
}
