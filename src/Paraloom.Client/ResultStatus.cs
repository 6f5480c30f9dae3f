namespace Paraloom.Client;

/// <summary>How the agreed execution ended.</summary>
public enum ResultStatus
{
    /// <summary>The program returned an output.</summary>
    Ok,

    /// <summary>The program trapped (unreachable, out of fuel, out of memory, stack exhausted): a deterministic result too.</summary>
    Trap,

    /// <summary>The program broke compute ABI v1 (missing export, output out of bounds or above the cap).</summary>
    AbiError,
}
