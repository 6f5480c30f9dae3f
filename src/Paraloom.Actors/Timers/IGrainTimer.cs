namespace Paraloom.Actors;

/// <summary>A timer owned by one activation. Dispose it to stop it; it also stops when the activation deactivates.</summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Reschedules the timer: the next tick after <paramref name="dueTime"/>, then every <paramref name="period"/>.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
