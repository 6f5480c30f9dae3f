using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Paraloom.ClusterTls;

/// <summary>
/// The cluster's TLS material on disk, as PEM: in one directory the authority (<c>ca.crt</c>, and <c>ca.key</c> where
/// certificates are issued) and each holder's <c>NAME.crt</c> and <c>NAME.key</c>. The directory and every key file are
/// owner-only.
/// </summary>
internal static class ClusterTlsFiles
{
    public const string AuthorityName = "ca";

    public static string CertificatePath(string directory, string name) => Path.Combine(directory, name + ".crt");

    public static string KeyPath(string directory, string name) => Path.Combine(directory, name + ".key");

    /// <summary>Whether <paramref name="directory"/> holds <paramref name="name"/>'s certificate and key.</summary>
    public static bool Exists(string directory, string name) =>
        File.Exists(CertificatePath(directory, name)) && File.Exists(KeyPath(directory, name));

    /// <summary>Writes <paramref name="certificate"/> and its private key as <paramref name="name"/>; never overwrites.</summary>
    /// <exception cref="IOException">One of the files exists already.</exception>
    public static void Write(string directory, string name, X509Certificate2 certificate)
    {
        var created = Directory.CreateDirectory(directory);
        if (!OperatingSystem.IsWindows())
        {
            created.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }
        using var key = certificate.GetECDsaPrivateKey()
            ?? throw new ArgumentException("The certificate has no ECDSA private key to write.", nameof(certificate));
        WriteNew(KeyPath(directory, name), key.ExportPkcs8PrivateKeyPem());
        WriteNew(CertificatePath(directory, name), certificate.ExportCertificatePem());
    }

    /// <summary>The authority in <paramref name="directory"/>, with its private key.</summary>
    /// <exception cref="InvalidOperationException">It is missing or unreadable; the message names the file.</exception>
    public static X509Certificate2 ReadAuthority(string directory) =>
        Read(CertificatePath(directory, AuthorityName), KeyPath(directory, AuthorityName));

    /// <summary>A certificate with its private key, from PEM files.</summary>
    /// <exception cref="InvalidOperationException">A file is missing or unreadable; the message names it.</exception>
    public static X509Certificate2 Read(string certificatePath, string keyPath)
    {
        RequireFile(certificatePath);
        RequireFile(keyPath);
        try
        {
            return X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception unreadable) when (unreadable is CryptographicException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{certificatePath} with {keyPath} is not a PEM certificate and its private key: {unreadable.Message}");
        }
    }

    /// <summary>A certificate without its key (the authority a node pins), from a PEM file.</summary>
    /// <exception cref="InvalidOperationException">The file is missing or unreadable; the message names it.</exception>
    public static X509Certificate2 ReadCertificate(string path)
    {
        RequireFile(path);
        try
        {
            var pem = File.ReadAllText(path);
            var found = PemEncoding.Find(pem);
            return X509CertificateLoader.LoadCertificate(Convert.FromBase64String(pem[found.Base64Data]));
        }
        catch (Exception unreadable) when (unreadable is CryptographicException or ArgumentException or FormatException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{path} is not a PEM certificate: {unreadable.Message}");
        }
    }

    private static void RequireFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{path} does not exist.");
        }
    }

    private static void WriteNew(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options);
        writer.Write(pem);
    }
}
