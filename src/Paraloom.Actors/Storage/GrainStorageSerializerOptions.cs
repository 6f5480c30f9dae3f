using System.Text.Json;

namespace Paraloom.Actors;

/// <summary>How the storage providers serialize grain state (System.Text.Json).</summary>
public sealed class GrainStorageSerializerOptions
{
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.General);
}
