using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paraloom.Compute;

/// <summary>
/// A validator certificate on disk, beside its validator's key slot (<c>validator-1.cert</c>): a small versioned JSON
/// document, <c>{"format":"paraloom-validator-certificate","version":1,"validatorId":"…","certificate":"…"}</c>, the
/// certificate in the hex of its canonical bytes (docs/receipt-format.md). The id is there for people reading the file;
/// the certificate alone is authoritative. Public: nothing in it is secret.
/// </summary>
public static class ValidatorCertificateFile
{
    public const string Extension = ".cert";

    private const string Format = "paraloom-validator-certificate";
    private const int Version = 1;

    /// <summary>Writes the certificate to <paramref name="path"/>, replacing an earlier one (a renewal).</summary>
    public static void Write(string path, ValidatorCertificate certificate)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(certificate);
        var document = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["validatorId"] = certificate.ValidatorId,
            ["certificate"] = Convert.ToHexStringLower(certificate.ToBytes()),
        };
        File.WriteAllText(path, document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Reads a certificate file.</summary>
    /// <exception cref="FormatException">The file is not a version-1 certificate document, or its certificate is malformed.</exception>
    public static ValidatorCertificate Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var document = JsonNode.Parse(File.ReadAllText(path)) as JsonObject
                ?? throw new FormatException("it is not a JSON object");
            if (document["format"]?.GetValue<string>() != Format || document["version"]?.GetValue<int>() != Version)
            {
                throw new FormatException($"it is not a version-{Version} {Format} document");
            }
            var hex = document["certificate"]?.GetValue<string>() ?? throw new FormatException("it holds no certificate");
            return ValidatorCertificate.FromBytes(Convert.FromHexString(hex));
        }
        catch (Exception invalid) when (invalid is JsonException or InvalidOperationException or FormatException)
        {
            // Not JSON, a field of the wrong type, not hex, or not a canonical certificate.
            throw new FormatException($"{path} is not a validator certificate file: {invalid.Message}", invalid);
        }
    }
}
