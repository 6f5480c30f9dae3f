namespace Paraloom.Actors;

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> to be filled by the runtime.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute : Attribute
{
    /// <summary>The storage name used when none is given.</summary>
    public const string DefaultStorageName = "Default";

    public PersistentStateAttribute(string stateName, string? storageName = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateName);
        StateName = stateName;
        StorageName = string.IsNullOrWhiteSpace(storageName) ? DefaultStorageName : storageName;
    }

    public string StateName { get; }

    public string StorageName { get; }
}
