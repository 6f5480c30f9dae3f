namespace Paraloom.Actors;

/// <summary>The identity of a grain: its grain type and its key. Stable across runtime restarts.</summary>
public readonly record struct GrainId
{
    public GrainId(string type, string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(type);
        ArgumentNullException.ThrowIfNull(key);
        Type = type;
        Key = key;
    }

    /// <summary>The grain type name (see <see cref="GrainTypeAttribute"/>).</summary>
    public string Type { get; }

    /// <summary>The primary key.</summary>
    public string Key { get; }

    public override string ToString() => $"{Type}/{Key}";
}
