namespace Paraloom.Compute.Execution;

/// <summary>
/// Thrown from the epoch callback on the executing thread to stop a run whose wall-clock deadline passed or
/// whose caller cancelled. Not deterministic, so never a result anyone votes on.
/// </summary>
public sealed class SandboxInterruptedException : Exception
{
    public SandboxInterruptedException(bool cancelled)
        : base(cancelled ? "The execution was cancelled." : "The execution exceeded its wall-clock limit.") => Cancelled = cancelled;

    public bool Cancelled { get; }
}
