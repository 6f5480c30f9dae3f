namespace Paraloom.Actors;

/// <summary>
/// A named piece of grain state, injected into a grain constructor parameter marked with
/// <see cref="PersistentStateAttribute"/>. It is read before <see cref="Grain.OnActivateAsync"/>; it is written
/// only when the grain calls <see cref="WriteStateAsync"/> (nothing is flushed implicitly).
/// </summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    /// <summary>The version of the stored record; null when nothing was stored yet.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync();

    /// <exception cref="InconsistentStateException">The stored record changed since it was read.</exception>
    Task WriteStateAsync();

    /// <exception cref="InconsistentStateException">The stored record changed since it was read.</exception>
    Task ClearStateAsync();
}
