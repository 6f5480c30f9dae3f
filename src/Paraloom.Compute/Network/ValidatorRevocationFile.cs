using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paraloom.Compute;

/// <summary>
/// A validator revocation on disk, as <c>paraloom validators revoke</c> writes it and a silo's
/// <c>POST /v1/validators/revocations</c> takes it: a small versioned JSON document,
/// <c>{"format":"paraloom-validator-revocation","version":1,"validatorId":"…","revocation":"…"}</c>, the revocation in the
/// hex of its canonical bytes (docs/receipt-format.md). The id is there for people reading the file; the revocation alone
/// is authoritative. Public: nothing in it is secret.
/// </summary>
public static class ValidatorRevocationFile
{
    public const string Extension = ".revocation";
    public const string Format = "paraloom-validator-revocation";
    public const int Version = 1;

    /// <summary>Writes the revocation to a new file at <paramref name="path"/>; an existing file is never overwritten.</summary>
    /// <exception cref="IOException">The file exists.</exception>
    public static void WriteNew(string path, ValidatorRevocation revocation)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(revocation);
        var document = new JsonObject
        {
            ["format"] = Format,
            ["version"] = Version,
            ["validatorId"] = revocation.ValidatorId,
            ["revocation"] = Convert.ToHexStringLower(revocation.ToBytes()),
        };
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var writer = new StreamWriter(file);
        writer.Write(document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    /// <summary>Reads a revocation file.</summary>
    /// <exception cref="FormatException">The file is not a version-1 revocation document, or its revocation is malformed.</exception>
    public static ValidatorRevocation Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var document = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new FormatException("it is not a JSON object");
            if (document["format"]?.GetValue<string>() != Format || document["version"]?.GetValue<int>() != Version)
            {
                throw new FormatException($"it is not a version-{Version} {Format} document");
            }
            var hex = document["revocation"]?.GetValue<string>() ?? throw new FormatException("it holds no revocation");
            return ValidatorRevocation.FromBytes(Convert.FromHexString(hex));
        }
        catch (Exception invalid) when (invalid is JsonException or InvalidOperationException or FormatException)
        {
            // Not JSON, a field of the wrong type, not hex, or not a canonical revocation.
            throw new FormatException($"{path} is not a validator revocation file: {invalid.Message}", invalid);
        }
    }
}
