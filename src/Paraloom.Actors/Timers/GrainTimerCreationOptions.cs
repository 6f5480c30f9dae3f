namespace Paraloom.Actors;

/// <summary>How a grain timer ticks.</summary>
public readonly record struct GrainTimerCreationOptions
{
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    public GrainTimerCreationOptions(TimeSpan dueTime, TimeSpan period)
    {
        DueTime = dueTime;
        Period = period;
    }

    /// <summary>Delay before the first tick; <see cref="Timeout.InfiniteTimeSpan"/> leaves the timer stopped.</summary>
    public required TimeSpan DueTime { get; init; }

    /// <summary>Interval between ticks, counted from the end of the previous tick; <see cref="Timeout.InfiniteTimeSpan"/> ticks once.</summary>
    public required TimeSpan Period { get; init; }

    /// <summary>Whether ticks may interleave with grain calls (default: a tick is a turn like any call).</summary>
    public bool Interleave { get; init; }

    /// <summary>Whether ticks count as activity and so keep the activation from idle collection (default: no).</summary>
    public bool KeepAlive { get; init; }
}
