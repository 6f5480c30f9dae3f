namespace Paraloom.Actors;

/// <summary>
/// Lets calls to this grain class interleave: while one call awaits, another may run. Turns still never
/// run in parallel: an activation executes on one logical thread.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class ReentrantAttribute : Attribute;

/// <summary>Placed on a grain interface method: calls to it may interleave with any other call.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class AlwaysInterleaveAttribute : Attribute;

/// <summary>
/// Placed on a grain interface method: the caller does not wait for the call. The returned task completes
/// at once; the grain's result and exceptions are discarded (exceptions are logged).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OneWayAttribute : Attribute;

/// <summary>
/// Lets the runtime keep several activations of each grain of this class (up to <see cref="MaxLocalWorkers"/>) and
/// send each call to an idle one, for stateless work that should run in parallel. Each activation is still
/// single-threaded. Stateless workers cannot use reminders.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class StatelessWorkerAttribute : Attribute
{
    /// <param name="maxLocalWorkers">The most activations per grain; 0 means one per processor.</param>
    public StatelessWorkerAttribute(int maxLocalWorkers = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxLocalWorkers);
        MaxLocalWorkers = maxLocalWorkers == 0 ? Environment.ProcessorCount : maxLocalWorkers;
    }

    public int MaxLocalWorkers { get; }
}
