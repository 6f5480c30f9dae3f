namespace Paraloom.Compute.Execution;

/// <summary>The executor's queue is full: the caller should place the work elsewhere or later.</summary>
public sealed class ExecutorBusyException : Exception
{
    public ExecutorBusyException(int capacity)
        : base($"The executor is busy: all {capacity} execution slots (running and queued) are taken.")
    {
    }
}
