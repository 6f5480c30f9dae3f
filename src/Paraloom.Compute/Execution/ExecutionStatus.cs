namespace Paraloom.Compute.Execution;

/// <summary>How an execution ended. The numeric values are part of the result digest: never renumber.</summary>
public enum ExecutionStatus : byte
{
    /// <summary><c>run</c> returned and its output was copied out.</summary>
    Ok = 0,

    /// <summary>The program trapped deterministically (see <see cref="TrapCode"/>).</summary>
    Trap = 1,

    /// <summary>The module does not follow compute ABI v1 (see <see cref="AbiErrorKind"/>).</summary>
    AbiError = 2,

    /// <summary>The wall-clock limit expired: machine-dependent, so not a result anyone may vote on.</summary>
    TimedOut = 3,
}
