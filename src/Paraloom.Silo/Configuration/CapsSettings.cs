using Paraloom.Compute;

namespace Paraloom.Silo;

/// <summary>
/// The network caps as configuration sees them (section <c>Paraloom:Caps</c>); a setting left out keeps
/// the <see cref="NetworkCaps.Default"/> value.
/// </summary>
public sealed class CapsSettings
{
    public long? MaxMemoryBytes { get; set; }

    public long? MaxFuel { get; set; }

    public TimeSpan? MaxWallClock { get; set; }

    public TimeSpan? MaxDistributionTimeout { get; set; }

    public int? MaxOutputBytes { get; set; }

    /// <summary>The largest module accepted, in bytes (checked before the module is decoded).</summary>
    public int? MaxModuleBytes { get; set; }

    /// <summary>The largest input accepted, in bytes (the sealed input for a private job).</summary>
    public int? MaxInputBytes { get; set; }

    public int? MaxReplication { get; set; }

    /// <summary>The smallest K accepted (default 3: a single validator is no BFT cohort).</summary>
    public int? MinReplication { get; set; }

    /// <exception cref="InvalidOperationException">A cap is not positive.</exception>
    public NetworkCaps ToNetworkCaps()
    {
        var defaults = NetworkCaps.Default;
        try
        {
            return new NetworkCaps
            {
                MaxMemoryBytes = MaxMemoryBytes ?? defaults.MaxMemoryBytes,
                MaxFuel = MaxFuel ?? defaults.MaxFuel,
                MaxWallClock = MaxWallClock ?? defaults.MaxWallClock,
                MaxDistributionTimeout = MaxDistributionTimeout ?? defaults.MaxDistributionTimeout,
                MaxOutputBytes = MaxOutputBytes ?? defaults.MaxOutputBytes,
                MaxModuleBytes = MaxModuleBytes ?? defaults.MaxModuleBytes,
                MaxInputBytes = MaxInputBytes ?? defaults.MaxInputBytes,
                MaxReplication = MaxReplication ?? defaults.MaxReplication,
                MinReplication = MinReplication ?? defaults.MinReplication,
            };
        }
        catch (ArgumentOutOfRangeException invalid)
        {
            throw new InvalidOperationException($"{SiloOptions.SectionName}:Caps:{invalid.ParamName} must be positive.", invalid);
        }
    }
}
