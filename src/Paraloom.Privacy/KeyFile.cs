using System.Security.Cryptography;
using System.Text.Json;

namespace Paraloom.Privacy;

/// <summary>
/// Key pairs on disk, as small versioned JSON documents:
/// NAME.key <c>{"format":"paraloom-secret-key","version":1,"publicKey":"…","secretKey":"…"}</c>, created
/// owner-only (0600) and never overwritten, and NAME.pub <c>{"format":"paraloom-public-key","version":1,"publicKey":"…"}</c>
/// beside it. The secret's hex is written and read through zeroed byte buffers, never a string.
/// </summary>
public static class KeyFile
{
    public const string SecretKeyExtension = ".key";
    public const string PublicKeyExtension = ".pub";

    private const string SecretFormat = "paraloom-secret-key";
    private const string PublicFormat = "paraloom-public-key";
    private const int Version = 1;
    /// <summary>Room for the secret key document and the JSON writer's requests (it asks for 4 KiB at a time).</summary>
    private const int SecretDocumentCapacity = 16 * 1024;
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>
    /// Writes DIRECTORY/NAME.key and DIRECTORY/NAME.pub. Throws <see cref="IOException"/> when either exists.
    /// </summary>
    public static KeyFilePaths WriteNew(SecretKey key, string directory, string name)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ValidateName(name);
        string secretPath = Path.GetFullPath(Path.Combine(directory, name + SecretKeyExtension));
        string publicPath = Path.GetFullPath(Path.Combine(directory, name + PublicKeyExtension));
        foreach (string path in new[] { secretPath, publicPath })
        {
            if (File.Exists(path)) throw new IOException($"{path} already exists; refusing to overwrite a key file.");
        }

        WriteSecret(key, secretPath);
        try
        {
            using FileStream stream = new(publicPath, FileMode.CreateNew, FileAccess.Write);
            using Utf8JsonWriter json = new(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("format", PublicFormat);
            json.WriteNumber("version", Version);
            json.WriteString("publicKey", key.PublicKey.ToHex());
            json.WriteEndObject();
            json.Flush();
            stream.WriteByte((byte)'\n');
        }
        catch
        {
            File.Delete(secretPath);
            throw;
        }
        return new KeyFilePaths(secretPath, publicPath);
    }

    /// <summary>
    /// Reads a secret key file. On Unix it must not be accessible by group or others, as ssh insists.
    /// </summary>
    public static SecretKey ReadSecretKey(string path)
    {
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
            throw new UnauthorizedAccessException($"{path} is accessible by other users; restrict it to its owner (chmod 600).");

        byte[] content = File.ReadAllBytes(path);
        byte[] secret = GC.AllocateArray<byte>(SecretKey.Size, pinned: true);
        try
        {
            var reader = new Utf8JsonReader(content);
            string? publicKeyHex = null;
            bool sawSecret = false;
            ReadDocument(ref reader, path, SecretFormat, (ref Utf8JsonReader value, string property) =>
            {
                switch (property)
                {
                    case "publicKey": publicKeyHex = value.GetString(); return true;
                    case "secretKey":
                        if (value.TokenType != JsonTokenType.String || value.ValueIsEscaped) return false;
                        Hex.DecodeInto(value.ValueSpan, secret, "secret key");
                        sawSecret = true;
                        return true;
                    default: return false;
                }
            });
            if (!sawSecret || publicKeyHex is null) throw Malformed(path, "it lacks the secretKey or publicKey field");

            SecretKey key = SecretKey.FromBytes(secret);
            if (!key.PublicKey.Equals(PublicKey.FromHex(publicKeyHex)))
            {
                key.Dispose();
                throw Malformed(path, "its publicKey does not match its secretKey");
            }
            return key;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
            CryptographicOperations.ZeroMemory(content);
        }
    }

    public static PublicKey ReadPublicKey(string path)
    {
        var reader = new Utf8JsonReader(File.ReadAllBytes(path));
        string? publicKeyHex = null;
        ReadDocument(ref reader, path, PublicFormat, (ref Utf8JsonReader value, string property) =>
        {
            if (property != "publicKey") return false;
            publicKeyHex = value.GetString();
            return true;
        });
        return PublicKey.FromHex(publicKeyHex ?? throw Malformed(path, "it lacks the publicKey field"));
    }

    private delegate bool PropertyReader(ref Utf8JsonReader value, string property);

    /// <summary>Walks one flat JSON object, checking format and version and handing every other field to <paramref name="readProperty"/>.</summary>
    private static void ReadDocument(ref Utf8JsonReader reader, string path, string expectedFormat, PropertyReader readProperty)
    {
        bool formatSeen = false, versionSeen = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Malformed(path, "it is not a JSON object");
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                string property = reader.GetString()!;
                reader.Read();
                switch (property)
                {
                    case "format":
                        if (reader.TokenType != JsonTokenType.String || reader.GetString() != expectedFormat)
                            throw Malformed(path, $"its format is not {expectedFormat}");
                        formatSeen = true;
                        break;
                    case "version":
                        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int version) || version != Version)
                            throw Malformed(path, $"only version {Version} is supported");
                        versionSeen = true;
                        break;
                    default:
                        if (!readProperty(ref reader, property)) throw Malformed(path, $"the field '{property}' is not expected");
                        break;
                }
            }
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read()) throw Malformed(path, "it has content after its object");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw Malformed(path, "it is not valid JSON");
        }
        if (!formatSeen || !versionSeen) throw Malformed(path, "it lacks the format or version field");
    }

    /// <summary>
    /// The document is composed in a pinned buffer and written unbuffered (BufferSize 0), so the secret's hex is
    /// never left in a growing JSON buffer or a FileStream's buffer that nobody zeroes.
    /// </summary>
    private static void WriteSecret(SecretKey key, string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 0 };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        byte[] hex = GC.AllocateArray<byte>(2 * SecretKey.Size, pinned: true);
        using var document = new PinnedBufferWriter(SecretDocumentCapacity);
        try
        {
            Convert.TryToHexStringLower(key.Secret, hex, out _);
            using (Utf8JsonWriter json = new(document, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("format", SecretFormat);
                json.WriteNumber("version", Version);
                json.WriteString("publicKey", key.PublicKey.ToHex());
                json.WriteString("secretKey", hex);
                json.WriteEndObject();
            }
            document.GetSpan(1)[0] = (byte)'\n';
            document.Advance(1);
            using FileStream stream = new(path, options);
            stream.Write(document.Written);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(hex);
        }
    }

    private static void ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        bool simple = name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name[0] != '.';
        if (!simple)
            throw new ArgumentException("A key name uses only letters, digits, '-', '_' and '.', and does not start with '.'.", nameof(name));
    }

    private static InvalidEncodingException Malformed(string path, string reason) =>
        new($"{path} is not a Paraloom key file: {reason}.");
}
