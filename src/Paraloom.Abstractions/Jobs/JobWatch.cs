namespace Paraloom.Grains;

/// <summary>The bounds of one <see cref="IComputeJobGrain.WaitForChangeAsync"/> call.</summary>
public static class JobWatch
{
    /// <summary>
    /// The longest one wait lasts, well inside Orleans' default response timeout (30 s) so a quiet job never looks like a
    /// failed call; longer watches (a stream, a long poll) wait again.
    /// </summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(20);
}
