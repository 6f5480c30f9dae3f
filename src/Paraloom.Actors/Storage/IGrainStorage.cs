namespace Paraloom.Actors;

/// <summary>
/// A grain storage provider. Every write and clear is checked against the ETag the caller holds:
/// a mismatch throws <see cref="InconsistentStateException"/> and stores nothing.
/// </summary>
public interface IGrainStorage
{
    /// <summary>Reads the state into <paramref name="grainState"/>; a missing record yields a fresh value and a null ETag.</summary>
    Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);

    /// <summary>Writes the state if the stored ETag equals <c>grainState.ETag</c>, then sets the new ETag.</summary>
    Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);

    /// <summary>Clears the state if the stored ETag equals <c>grainState.ETag</c>, then resets the value and sets the new ETag.</summary>
    Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState);
}
