using System.Globalization;
using Microsoft.Data.Sqlite;
using Orleans;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace Paraloom.Grains;

/// <summary>
/// Grain state on the embedded store: Orleans' OrleansStorage table and its optimistic versions, as Orleans' ADO.NET
/// provider keeps them, but written through the one <see cref="SqliteWriter"/> with prepared statements and read on
/// <see cref="SqliteReaders"/>. A write whose version is stale fails with <see cref="InconsistentStateException"/>, as there.
/// </summary>
internal sealed class SqliteGrainStorage(
    SqliteStore store, IGrainStorageSerializer serializer, IActivatorProvider activators, string serviceId) : IGrainStorage
{
    private const string Match =
        "GrainIdHash = @IdHash AND GrainTypeHash = @TypeHash AND GrainIdN0 = @N0 AND GrainIdN1 = @N1 AND GrainTypeString = @Type " +
        "AND (GrainIdExtensionString = @Extension OR (GrainIdExtensionString IS NULL AND @Extension IS NULL)) AND ServiceId = @ServiceId";

    private static readonly string[] KeyParameters = ["@IdHash", "@TypeHash", "@N0", "@N1", "@Type", "@Extension", "@ServiceId"];

    private static readonly string ReadSql = $"SELECT PayloadBinary, Version FROM OrleansStorage WHERE {Match} LIMIT 1;";

    private static readonly string UpdateSql =
        $"UPDATE OrleansStorage SET PayloadBinary = @Payload, ModifiedOn = datetime('now'), Version = Version + 1 WHERE {Match} AND Version = @Version;";

    private static readonly string ExistsSql = $"SELECT 1 FROM OrleansStorage WHERE {Match} LIMIT 1;";

    private static readonly string InsertSql =
        "INSERT INTO OrleansStorage (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString, ServiceId, PayloadBinary, ModifiedOn, Version) " +
        "VALUES (@IdHash, @N0, @N1, @TypeHash, @Type, @Extension, @ServiceId, @Payload, datetime('now'), 1);";

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StoredGrainKey.For(stateName, grainId);
        var (payload, version) = store.Readers.Read(statements =>
        {
            var command = Bind(statements.Get(ReadSql, KeyParameters), key);
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? (reader.IsDBNull(0) ? null : (byte[])reader.GetValue(0), reader.IsDBNull(1) ? (int?)null : reader.GetInt32(1))
                : (null, null);
        });
        grainState.State = payload is null ? Create<T>() : serializer.Deserialize<T>(new BinaryData(payload));
        grainState.ETag = version?.ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = payload is not null;
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = StoredGrainKey.For(stateName, grainId);
        var payload = serializer.Serialize(grainState.State).ToArray();
        var expected = Version(grainState.ETag);
        var written = await store.Writer.WriteAsync(statements => expected is { } version
            ? Update(statements, key, payload, version)
            : Insert(statements, key, payload));
        grainState.ETag = (written ?? throw Conflict("WriteState", key, grainState.ETag)).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (!grainState.RecordExists && string.IsNullOrWhiteSpace(grainState.ETag))
        {
            await ReadStateAsync(stateName, grainId, grainState);
            if (!grainState.RecordExists)
            {
                return;
            }
        }
        var key = StoredGrainKey.For(stateName, grainId);
        var expected = Version(grainState.ETag) ?? throw Conflict("ClearState", key, grainState.ETag);
        // Cleared as Orleans' provider clears (DeleteStateOnClear off): the row stays, its payload gone, its version on.
        var written = await store.Writer.WriteAsync(statements => Update(statements, key, payload: null, expected));
        grainState.ETag = (written ?? throw Conflict("ClearState", key, grainState.ETag)).ToString(CultureInfo.InvariantCulture);
        grainState.RecordExists = false;
        grainState.State = Create<T>();
    }

    private int? Update(SqliteStatements statements, StoredGrainKey key, byte[]? payload, int version)
    {
        var command = Bind(statements.Get(UpdateSql, [.. KeyParameters, "@Payload", "@Version"]), key);
        command.Parameters["@Payload"].Value = (object?)payload ?? DBNull.Value;
        command.Parameters["@Version"].Value = version;
        return command.ExecuteNonQuery() == 1 ? version + 1 : null;
    }

    private int? Insert(SqliteStatements statements, StoredGrainKey key, byte[] payload)
    {
        // A row that exists while the grain holds no version was written by another activation: a conflict, not an insert.
        using (var reader = Bind(statements.Get(ExistsSql, KeyParameters), key).ExecuteReader())
        {
            if (reader.Read())
            {
                return null;
            }
        }
        var command = Bind(statements.Get(InsertSql, [.. KeyParameters, "@Payload"]), key);
        command.Parameters["@Payload"].Value = payload;
        command.ExecuteNonQuery();
        return 1;
    }

    private SqliteCommand Bind(SqliteCommand command, StoredGrainKey key)
    {
        command.Parameters["@IdHash"].Value = key.IdHash;
        command.Parameters["@TypeHash"].Value = key.TypeHash;
        command.Parameters["@N0"].Value = key.N0;
        command.Parameters["@N1"].Value = key.N1;
        command.Parameters["@Type"].Value = key.Type;
        command.Parameters["@Extension"].Value = (object?)key.Extension ?? DBNull.Value;
        command.Parameters["@ServiceId"].Value = serviceId;
        return command;
    }

    private static int? Version(string? etag) =>
        string.IsNullOrWhiteSpace(etag) ? null : int.Parse(etag, CultureInfo.InvariantCulture);

    private InconsistentStateException Conflict(string operation, StoredGrainKey key, string? etag) =>
        new($"Version conflict ({operation}): ServiceId={serviceId} GrainType={key.Type} GrainId={key} ETag={etag}.");

    private T Create<T>() => activators.GetActivator<T>().Create();
}
