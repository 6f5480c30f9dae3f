namespace Paraloom.Compute;

/// <summary>The price of compute and storage, and what an open network gives newcomers.</summary>
public sealed record FeeOptions
{
    public static FeeOptions Default { get; } = new();

    /// <summary>The price of one unit of fuel, in credits (default 1); each of a job's K executions is paid.</summary>
    public ulong PricePerFuelUnit { get; init; } = 1;

    /// <summary>The price of storing one byte of a job's module and input for one day of its retention, in credits (default 1).</summary>
    public ulong StoragePricePerByteDay { get; init; } = 1;

    /// <summary>
    /// Credits a requester key's account receives on first use (default 0: a closed network, where only the network
    /// authority's grants give credits). localnet and the demo run an open network.
    /// </summary>
    public long NewcomerCredits { get; init; }

    public bool IsValid => NewcomerCredits >= 0;
}
