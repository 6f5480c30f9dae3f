using System.Text.Json;
using Paraloom.Actors.Storage;

namespace Paraloom.Actors;

/// <summary>
/// A durable reminder table in a directory: one JSON file per reminder, grouped in one directory per grain,
/// written with the same crash-safe replacement as <see cref="FileGrainStorage"/>. The ETag is a version
/// counter kept in the file. One runtime process owns a directory.
/// </summary>
public sealed class FileReminderTable : IReminderTable
{
    private const int FormatVersion = 1;
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private readonly string _root;
    private readonly StripedAsyncLock _locks = new();

    public FileReminderTable(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        _root = Path.GetFullPath(rootDirectory);
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadAllRowsAsync(CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(_root))
        {
            return [];
        }

        var rows = new List<ReminderEntry>();
        foreach (var grainDirectory in Directory.EnumerateDirectories(_root))
        {
            rows.AddRange(await ReadDirectoryAsync(grainDirectory, cancellationToken));
        }

        return rows;
    }

    public async Task<IReadOnlyList<ReminderEntry>> ReadRowsAsync(GrainId grainId, CancellationToken cancellationToken = default) =>
        await ReadDirectoryAsync(DirectoryOf(grainId), cancellationToken);

    public async Task<ReminderEntry?> ReadRowAsync(GrainId grainId, string reminderName, CancellationToken cancellationToken = default)
    {
        var path = PathOf(grainId, reminderName);
        using (await _locks.AcquireAsync(path))
        {
            return await ReadFileAsync(path, cancellationToken);
        }
    }

    public async Task<string> UpsertRowAsync(ReminderEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var path = PathOf(entry.GrainId, entry.ReminderName);
        using (await _locks.AcquireAsync(path))
        {
            var stored = await ReadFileAsync(path, cancellationToken);
            var version = (stored is null ? 0 : long.Parse(stored.ETag!, System.Globalization.CultureInfo.InvariantCulture)) + 1;
            var record = new ReminderRecord(
                FormatVersion, entry.GrainId.Type, entry.GrainId.Key, entry.ReminderName, entry.StartAt, entry.Period, entry.LastTickAt, version);
            await DurableFile.WriteAsync(path, JsonSerializer.SerializeToUtf8Bytes(record, JsonOptions), cancellationToken);
            return ETagCheck.Format(version);
        }
    }

    public async Task<bool> RemoveRowAsync(GrainId grainId, string reminderName, string eTag, CancellationToken cancellationToken = default)
    {
        var path = PathOf(grainId, reminderName);
        using (await _locks.AcquireAsync(path))
        {
            var stored = await ReadFileAsync(path, cancellationToken);
            if (stored is null || stored.ETag != eTag)
            {
                return false;
            }

            DurableFile.Delete(path);
            return true;
        }
    }

    private string DirectoryOf(GrainId grainId) => Path.Combine(_root, SafeFileName.For(grainId));

    private string PathOf(GrainId grainId, string reminderName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reminderName);
        return Path.Combine(DirectoryOf(grainId), SafeFileName.For(reminderName) + ".json");
    }

    private static async Task<IReadOnlyList<ReminderEntry>> ReadDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var rows = new List<ReminderEntry>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json").Where(file => !DurableFile.IsTemporary(file)))
        {
            if (await ReadFileAsync(file, cancellationToken) is { } row)
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private static async Task<ReminderEntry?> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        ReminderRecord? record;
        try
        {
            record = JsonSerializer.Deserialize<ReminderRecord>(bytes, JsonOptions);
        }
        catch (JsonException exception)
        {
            throw new GrainStorageException($"The reminder file '{path}' is unreadable: it is not valid JSON.", exception);
        }

        if (record is null || record.Format != FormatVersion || string.IsNullOrEmpty(record.GrainType) || record.Key is null
            || string.IsNullOrEmpty(record.ReminderName) || record.Version < 1 || record.Period <= TimeSpan.Zero)
        {
            throw new GrainStorageException($"The reminder file '{path}' is unreadable: a field is missing or invalid.");
        }

        return new ReminderEntry
        {
            GrainId = new GrainId(record.GrainType, record.Key),
            ReminderName = record.ReminderName,
            StartAt = DateTime.SpecifyKind(record.StartAt, DateTimeKind.Utc),
            Period = record.Period,
            LastTickAt = record.LastTickAt is { } last ? DateTime.SpecifyKind(last, DateTimeKind.Utc) : null,
            ETag = ETagCheck.Format(record.Version),
        };
    }

    private sealed record ReminderRecord(
        int Format, string GrainType, string Key, string ReminderName, DateTime StartAt, TimeSpan Period, DateTime? LastTickAt, long Version);
}
