using Paraloom.Actors.Storage;

namespace Paraloom.Actors;

/// <summary>
/// Grain storage in process memory, for tests. State is kept serialized, so a grain never shares objects
/// with storage, and non-serializable state fails here as it would on disk. Lost when the process ends.
/// </summary>
public sealed class MemoryGrainStorage : IGrainStorage
{
    private readonly Dictionary<(string StateName, GrainId GrainId), Record> _records = [];
    private readonly Lock _lock = new();
    private readonly StateSerializer _serializer;

    public MemoryGrainStorage(GrainStorageSerializerOptions? serializerOptions = null) => _serializer = new StateSerializer(serializerOptions);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        Record? record;
        lock (_lock)
        {
            record = _records.GetValueOrDefault((stateName, grainId));
        }

        grainState.ETag = record is null ? null : ETagCheck.Format(record.Version);
        grainState.RecordExists = record?.Json is not null;
        grainState.State = record?.Json is { } json ? _serializer.Deserialize<T>(json) : StateSerializer.Fresh<T>();
        return Task.CompletedTask;
    }

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        var json = _serializer.Serialize(grainState.State);
        long version;
        lock (_lock)
        {
            var stored = _records.GetValueOrDefault((stateName, grainId));
            ETagCheck.Verify("write", stateName, grainId, stored?.Version, grainState.ETag);
            version = (stored?.Version ?? 0) + 1;
            _records[(stateName, grainId)] = new Record(version, json);
        }

        grainState.ETag = ETagCheck.Format(version);
        grainState.RecordExists = true;
        return Task.CompletedTask;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        ArgumentNullException.ThrowIfNull(grainState);
        lock (_lock)
        {
            var stored = _records.GetValueOrDefault((stateName, grainId));
            ETagCheck.Verify("clear", stateName, grainId, stored?.Version, grainState.ETag);
            if (stored is not null)
            {
                // A tombstone keeps the version counting, so a writer still holding an older ETag stays refused.
                _records[(stateName, grainId)] = new Record(stored.Version + 1, null);
                grainState.ETag = ETagCheck.Format(stored.Version + 1);
            }
        }

        grainState.State = StateSerializer.Fresh<T>();
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private sealed record Record(long Version, byte[]? Json);
}
