using Paraloom.Compute;

namespace Paraloom.Silo;

/// <summary>
/// Prices and an open network's newcomer credits as configuration sees them (section <c>Paraloom:Fees</c>); a setting left
/// out keeps the <see cref="FeeOptions.Default"/> value, so a silo runs a closed network (no newcomer credits) unless told.
/// </summary>
public sealed class FeeSettings
{
    /// <summary>Credits per unit of fuel, for each of a job's K executions (default 1).</summary>
    public ulong? PricePerFuelUnit { get; set; }

    /// <summary>Credits per byte of module and input stored per day of retention (default 1).</summary>
    public ulong? StoragePricePerByteDay { get; set; }

    /// <summary>Credits a requester key receives on first use (default 0: only the network authority's grants give credits).</summary>
    public long? NewcomerCredits { get; set; }

    /// <exception cref="InvalidOperationException">The newcomer credits are negative.</exception>
    public FeeOptions ToFeeOptions(string section)
    {
        var defaults = FeeOptions.Default;
        var fees = new FeeOptions
        {
            PricePerFuelUnit = PricePerFuelUnit ?? defaults.PricePerFuelUnit,
            StoragePricePerByteDay = StoragePricePerByteDay ?? defaults.StoragePricePerByteDay,
            NewcomerCredits = NewcomerCredits ?? defaults.NewcomerCredits,
        };
        return fees.IsValid ? fees : throw new InvalidOperationException($"{section}:NewcomerCredits must not be negative (it is {NewcomerCredits}).");
    }
}
