using Paraloom.Privacy;

namespace Paraloom.Cli.Commands;

/// <summary>
/// Reads the files options name, turning each way a path can be wrong into a <see cref="UsageException"/> that
/// names the option and what is wrong, instead of the operating system's message about the path.
/// </summary>
internal static class InputFiles
{
    public static async Task<byte[]> ReadAsync(string option, FileInfo file, CancellationToken cancellationToken)
    {
        RequireFile(option, file.FullName);
        try
        {
            return await File.ReadAllBytesAsync(file.FullName, cancellationToken);
        }
        catch (UnauthorizedAccessException)
        {
            throw new UsageException($"{option}: {file.FullName} is not readable by this user.");
        }
    }

    /// <summary>Reads a secret key file, saying so when it is the public half or not a key file at all.</summary>
    public static SecretKey ReadSecretKey(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full) && !Directory.Exists(full))
        {
            throw new UsageException($"--key: no key file at {full}: create one with 'paraloom keys new' or pass --key FILE.");
        }
        RequireFile("--key", full);
        if (IsPublicKeyFile(full))
        {
            throw new UsageException(
                $"--key: {full} is a public key; pass the secret key file (NAME{KeyFile.SecretKeyExtension}, not NAME{KeyFile.PublicKeyExtension}).");
        }
        try
        {
            return KeyFile.ReadSecretKey(full);
        }
        catch (Exception unusable) when (unusable is InvalidEncodingException or UnauthorizedAccessException or IOException)
        {
            throw new UsageException($"--key: {unusable.Message}");
        }
    }

    /// <summary>Reads the key if <paramref name="path"/> names a usable secret key file; null otherwise.</summary>
    public static SecretKey? TryReadSecretKey(string path)
    {
        try
        {
            return ReadSecretKey(path);
        }
        catch (UsageException)
        {
            return null;
        }
    }

    private static void RequireFile(string option, string path)
    {
        if (Directory.Exists(path))
        {
            throw new UsageException($"{option}: {path} is a directory; it needs a file.");
        }
        if (!File.Exists(path))
        {
            throw new UsageException($"{option}: no file at {path}.");
        }
    }

    /// <summary>
    /// A public key file is not secret, so reading it whole is fine; a secret key file is left to
    /// <see cref="KeyFile.ReadSecretKey"/>, which zeroes what it reads.
    /// </summary>
    private static bool IsPublicKeyFile(string path)
    {
        if (path.EndsWith(KeyFile.PublicKeyExtension, StringComparison.Ordinal))
        {
            return true;
        }
        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> head = stackalloc byte[64];
            var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            return System.Text.Encoding.ASCII.GetString(head[..read]).Contains("\"paraloom-public-key\"", StringComparison.Ordinal);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
