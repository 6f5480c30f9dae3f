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
