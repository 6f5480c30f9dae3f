namespace Paraloom.Wasm;

/// <summary>Per-execution resource limits, all enforced deterministically by the engine.</summary>
public sealed record StoreLimits
{
    /// <summary>Fuel available to the store; the default is effectively unlimited.</summary>
    public long Fuel { get; init; } = long.MaxValue;

    /// <summary>Upper bound of every linear memory of the store (64 MiB by default).</summary>
    public long MaxMemoryBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Upper bound of every table of the store.</summary>
    public int MaxTableElements { get; init; } = 1_000_000;

    /// <summary>Maximum number of nested wasm call frames.</summary>
    public int MaxCallDepth { get; init; } = 100_000;

    /// <summary>Value-stack capacity in 8-byte units shared by all frames (locals, parameters and operand heights).</summary>
    public long MaxStackUnits { get; init; } = 1L << 20;

    public static StoreLimits Default { get; } = new();
}
