namespace Paraloom.Grains;

/// <summary>
/// The job activation's watchers, woken by each stored transition: they await <see cref="Next"/>, which completes once
/// and is replaced, so a watcher that gave up (timed out or was cancelled) leaves nothing behind.
/// </summary>
internal sealed class JobWatchers
{
    private TaskCompletionSource _next = New();

    /// <summary>Completes at the next transition.</summary>
    public Task Next => _next.Task;

    public void Wake()
    {
        var woken = _next;
        _next = New();
        woken.TrySetResult();
    }

    // Asynchronous continuations: waking never runs a watcher inside the transition that woke it.
    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
