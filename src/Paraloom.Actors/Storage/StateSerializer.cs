using System.Text.Json;

namespace Paraloom.Actors.Storage;

/// <summary>Grain state to and from JSON, with the fresh value used for state never written.</summary>
internal sealed class StateSerializer
{
    private readonly JsonSerializerOptions _options;

    public StateSerializer(GrainStorageSerializerOptions? options) =>
        _options = (options ?? new GrainStorageSerializerOptions()).JsonSerializerOptions;

    public static T Fresh<T>() => Activator.CreateInstance<T>();

    public byte[] Serialize<T>(T state) => JsonSerializer.SerializeToUtf8Bytes(state, _options);

    public void Serialize<T>(Utf8JsonWriter writer, T state) => JsonSerializer.Serialize(writer, state, _options);

    public T Deserialize<T>(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<T>(json, _options) ?? Fresh<T>();

    public T Deserialize<T>(JsonElement json) => json.Deserialize<T>(_options) ?? Fresh<T>();
}
