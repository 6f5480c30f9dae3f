namespace Paraloom.Compute;

/// <summary>
/// The hard limits one job runs under (DESIGN §1). Every value is validated when set, so an instance is
/// always usable; whether it is allowed on a network is <see cref="NetworkCaps"/>' decision.
/// </summary>
public sealed record ResourceLimits
{
    /// <summary>The size of a WebAssembly memory page: memory limits are whole pages.</summary>
    public const long WasmPageBytes = 64 * 1024;

    public static ResourceLimits Default { get; } = new();

    /// <summary>The most linear memory the job may have (default 64 MiB), a whole number of 64 KiB pages.</summary>
    public long MemoryBytes
    {
        get;
        init => field = value > 0 && value % WasmPageBytes == 0
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MemoryBytes), value,
                "Memory must be a positive whole number of 64 KiB WebAssembly pages.");
    } = 64L * 1024 * 1024;

    /// <summary>The fuel budget of one execution (default 10⁹); running out is a deterministic trap.</summary>
    public long Fuel { get; init => field = Guard.Positive(value, nameof(Fuel)); } = 1_000_000_000;

    /// <summary>The wall-clock limit of one execution (default 30 s); exceeding it is not a vote.</summary>
    public TimeSpan WallClock { get; init => field = Guard.Positive(value, nameof(WallClock)); } = TimeSpan.FromSeconds(30);

    /// <summary>The time the whole job may take across attempts (default 300 s).</summary>
    public TimeSpan DistributionTimeout
    {
        get;
        init => field = Guard.Positive(value, nameof(DistributionTimeout));
    } = TimeSpan.FromSeconds(300);

    /// <summary>The largest output the job may return (default 1 MiB); larger is a deterministic error.</summary>
    public int MaxOutputBytes { get; init => field = Guard.Positive(value, nameof(MaxOutputBytes)); } = 1024 * 1024;

    /// <summary>The memory limit in WebAssembly pages.</summary>
    public int MemoryPages => checked((int)(MemoryBytes / WasmPageBytes));
}
