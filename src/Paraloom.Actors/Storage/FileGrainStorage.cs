using System.Buffers;
using System.Text.Json;
using Paraloom.Actors.Storage;

namespace Paraloom.Actors;

/// <summary>
/// Durable grain storage in a directory: one JSON file per grain state, at
/// <c>root/&lt;grain type&gt;/&lt;state name&gt;/&lt;key&gt;.json</c> (each segment made file-system safe). Every write
/// replaces the file atomically and flushes it and its directory to disk before returning, so a stored state
/// survives kill -9 and power loss. The ETag is a version counter kept in the file; a clear leaves a tombstone
/// that keeps counting. One runtime process owns a directory: writers are serialised within the process only.
/// </summary>
public sealed class FileGrainStorage : IGrainStorage
{
    private const int FormatVersion = 1;

    private readonly string _root;
    private readonly StateSerializer _serializer;
    private readonly StripedAsyncLock _locks = new();

    public FileGrainStorage(string rootDirectory, GrainStorageSerializerOptions? serializerOptions = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        _root = Path.GetFullPath(rootDirectory);
        _serializer = new StateSerializer(serializerOptions);
    }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        using (await _locks.AcquireAsync(path))
        {
            using var document = await ReadAsync(path, stateName, grainId);
            if (document is null)
            {
                grainState.ETag = null;
                grainState.RecordExists = false;
                grainState.State = StateSerializer.Fresh<T>();
                return;
            }

            var (version, state) = Parse(document, path, stateName, grainId);
            grainState.ETag = ETagCheck.Format(version);
            grainState.RecordExists = state.ValueKind != JsonValueKind.Null;
            grainState.State = grainState.RecordExists ? Deserialize<T>(state, path, stateName, grainId) : StateSerializer.Fresh<T>();
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        using (await _locks.AcquireAsync(path))
        {
            var stored = await ReadVersionAsync(path, stateName, grainId);
            ETagCheck.Verify("write", stateName, grainId, stored, grainState.ETag);
            var version = (stored ?? 0) + 1;
            await DurableFile.WriteAsync(path, Envelope(stateName, grainId, version, writer => _serializer.Serialize(writer, grainState.State)));
            grainState.ETag = ETagCheck.Format(version);
            grainState.RecordExists = true;
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var path = PathOf(stateName, grainId);
        using (await _locks.AcquireAsync(path))
        {
            var stored = await ReadVersionAsync(path, stateName, grainId);
            ETagCheck.Verify("clear", stateName, grainId, stored, grainState.ETag);
            if (stored is { } version)
            {
                // A tombstone keeps the version counting, so a writer still holding an older ETag stays refused.
                await DurableFile.WriteAsync(path, Envelope(stateName, grainId, version + 1, writer => writer.WriteNullValue()));
                grainState.ETag = ETagCheck.Format(version + 1);
            }

            grainState.State = StateSerializer.Fresh<T>();
            grainState.RecordExists = false;
        }
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateName);
        return Path.Combine(_root, SafeFileName.For(grainId.Type), SafeFileName.For(stateName), SafeFileName.For(grainId) + ".json");
    }

    private static ReadOnlyMemory<byte> Envelope(string stateName, GrainId grainId, long version, Action<Utf8JsonWriter> writeState)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format", FormatVersion);
            writer.WriteString("grainType", grainId.Type);
            writer.WriteString("key", grainId.Key);
            writer.WriteString("stateName", stateName);
            writer.WriteNumber("version", version);
            writer.WritePropertyName("state");
            writeState(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private async Task<long?> ReadVersionAsync(string path, string stateName, GrainId grainId)
    {
        using var document = await ReadAsync(path, stateName, grainId);
        return document is null ? null : Parse(document, path, stateName, grainId).Version;
    }

    private static async Task<JsonDocument?> ReadAsync(string path, string stateName, GrainId grainId)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException exception)
        {
            throw Corrupted(path, stateName, grainId, "it is not valid JSON", exception);
        }
    }

    private static (long Version, JsonElement State) Parse(JsonDocument document, string path, string stateName, GrainId grainId)
    {
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.Number
            || !root.TryGetProperty("version", out var version) || !version.TryGetInt64(out var versionNumber) || versionNumber < 1
            || !root.TryGetProperty("state", out var state))
        {
            throw Corrupted(path, stateName, grainId, "it lacks the format, version or state field", null);
        }

        if (format.GetInt32() != FormatVersion)
        {
            throw Corrupted(path, stateName, grainId, $"its format {format.GetInt32()} is not the supported format {FormatVersion}", null);
        }

        var sameGrain = root.TryGetProperty("grainType", out var type) && type.ValueKind == JsonValueKind.String && type.GetString() == grainId.Type
            && root.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.String && key.GetString() == grainId.Key
            && root.TryGetProperty("stateName", out var name) && name.ValueKind == JsonValueKind.String && name.GetString() == stateName;
        if (!sameGrain)
        {
            throw Corrupted(path, stateName, grainId, "it holds the state of another grain", null);
        }

        return (versionNumber, state);
    }

    private T Deserialize<T>(JsonElement state, string path, string stateName, GrainId grainId)
    {
        try
        {
            return _serializer.Deserialize<T>(state);
        }
        catch (JsonException exception)
        {
            throw Corrupted(path, stateName, grainId, $"its state does not deserialize as {typeof(T).Name}", exception);
        }
    }

    private static GrainStorageException Corrupted(string path, string stateName, GrainId grainId, string reason, Exception? inner) =>
        new($"The stored state '{stateName}' of grain {grainId} in '{path}' is unreadable: {reason}. " +
            "Restore the file from a backup, or delete it to reset the state.", inner);
}
