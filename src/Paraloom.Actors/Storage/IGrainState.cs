namespace Paraloom.Actors;

/// <summary>A grain state as exchanged with an <see cref="IGrainStorage"/>: the value and its version.</summary>
public interface IGrainState<T>
{
    T State { get; set; }

    /// <summary>The version of the stored record this state was read from or written as; null when none.</summary>
    string? ETag { get; set; }

    /// <summary>Whether a record exists in storage (false before the first write and after a clear).</summary>
    bool RecordExists { get; set; }
}

/// <summary>The plain implementation of <see cref="IGrainState{T}"/>.</summary>
public sealed class GrainState<T> : IGrainState<T>
{
    public GrainState(T state) => State = state;

    public T State { get; set; }

    public string? ETag { get; set; }

    public bool RecordExists { get; set; }
}
