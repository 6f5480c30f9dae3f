using Paraloom.Compute;

namespace Paraloom.Client;

/// <summary>
/// The limits one job runs under. A limit left null takes the network's default; every value must be within the
/// network's caps, or the submission is refused with a <see cref="ValidationException"/> (error "above-cap").
/// </summary>
public sealed record JobLimits
{
    /// <summary>The size of a WebAssembly memory page: memory limits are whole pages.</summary>
    public const long WasmPageBytes = 64 * 1024;

    /// <summary>The most linear memory the job may have, a positive multiple of 64 KiB (default 64 MiB).</summary>
    public long? MemoryBytes
    {
        get;
        init => field = value is null || (value > 0 && value % WasmPageBytes == 0)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(MemoryBytes), value, "Memory must be a positive whole number of 64 KiB WebAssembly pages.");
    }

    /// <summary>The fuel budget of one execution, about one unit per instruction (default 10⁹); running out is a trap.</summary>
    public long? Fuel { get; init => field = Positive(value, nameof(Fuel)); }

    /// <summary>The wall-clock limit of one execution (default 30 s).</summary>
    public TimeSpan? WallClock { get; init => field = Positive(value, nameof(WallClock)); }

    /// <summary>The time the whole job may take across attempts, waiting for validators included (default 300 s).</summary>
    public TimeSpan? DistributionTimeout { get; init => field = Positive(value, nameof(DistributionTimeout)); }

    /// <summary>The largest output the job may return (default 1 MiB).</summary>
    public int? MaxOutputBytes { get; init => field = Positive(value, nameof(MaxOutputBytes)); }

    /// <summary>The limits with every unset one at its default: what the job's statement signs.</summary>
    internal ResourceLimits Resolve()
    {
        var defaults = ResourceLimits.Default;
        return new ResourceLimits
        {
            MemoryBytes = MemoryBytes ?? defaults.MemoryBytes,
            Fuel = Fuel ?? defaults.Fuel,
            WallClock = WallClock ?? defaults.WallClock,
            DistributionTimeout = DistributionTimeout ?? defaults.DistributionTimeout,
            MaxOutputBytes = MaxOutputBytes ?? defaults.MaxOutputBytes,
        };
    }

    private static T? Positive<T>(T? value, string name) where T : struct, IComparable<T> =>
        value is not { } set || set.CompareTo(default) > 0
            ? value
            : throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
}
