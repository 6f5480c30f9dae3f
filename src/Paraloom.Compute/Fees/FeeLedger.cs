using System.Collections.Concurrent;

namespace Paraloom.Compute.Fees;

/// <summary>
/// Computes and records the fee of each finalised job. A job is charged once: charging it again with the
/// same fuel returns the first record (a replayed finalisation is harmless); with different fuel it throws.
/// Thread-safe.
/// </summary>
public sealed class FeeLedger(FeeOptions? options = null)
{
    private readonly FeeOptions _options = options ?? FeeOptions.Default;
    private readonly ConcurrentDictionary<JobId, FeeRecord> _records = new();

    /// <summary>The exact fee: a 63-bit fuel count times a 64-bit price always fits in 128 bits.</summary>
    public static UInt128 Compute(long fuelUsed, ulong pricePerFuelUnit) =>
        (UInt128)(ulong)Guard.NotNegative(fuelUsed, nameof(fuelUsed)) * pricePerFuelUnit;

    public FeeRecord Charge(JobId jobId, long fuelUsed)
    {
        ArgumentNullException.ThrowIfNull(jobId);
        var price = _options.PricePerFuelUnit;
        var record = _records.GetOrAdd(jobId, id => new FeeRecord(id, fuelUsed, price, Compute(fuelUsed, price)));
        if (record.FuelUsed != fuelUsed)
        {
            throw new InvalidOperationException(
                $"Job {jobId} was already charged for {record.FuelUsed} fuel, not {fuelUsed}.");
        }
        return record;
    }

    public bool TryGet(JobId jobId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FeeRecord? record) =>
        _records.TryGetValue(jobId, out record);

    /// <summary>The sum of every recorded fee.</summary>
    public UInt128 Total => _records.Values.Aggregate(UInt128.Zero, (sum, r) => sum + r.Amount);
}
