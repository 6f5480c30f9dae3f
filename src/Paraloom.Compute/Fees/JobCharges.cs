namespace Paraloom.Compute.Fees;

/// <summary>
/// What a job holds of its requester's credits and what it is charged, exactly (128-bit products, capped at
/// <see cref="long.MaxValue"/>, which no account can cover): compute is fuel × price for each of the K executions, storage
/// the stored bytes × price per byte-day × the retention, in days (rounded up to a whole credit).
/// </summary>
public static class JobCharges
{
    /// <summary>The most a job may cost: its fuel limit run K times, and its bytes stored for the whole retention.</summary>
    public static long Hold(long fuelLimit, int replication, long storedBytes, FeeOptions fees, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(fees);
        return Capped(() => (UInt128)(ulong)Compute(fuelLimit, fees.PricePerFuelUnit, replication) + (ulong)Storage(storedBytes, fees.StoragePricePerByteDay, retention));
    }

    /// <summary>An agreed execution's fuel, paid to each of the K members' executions.</summary>
    public static long Compute(long fuel, ulong pricePerFuelUnit, int replication) => Capped(() =>
        checked((UInt128)(ulong)Guard.NotNegative(fuel, nameof(fuel)) * pricePerFuelUnit * (ulong)Guard.NotNegative(replication, nameof(replication))));

    /// <summary>The job's module and input bytes kept for <paramref name="retention"/>.</summary>
    public static long Storage(long storedBytes, ulong pricePerByteDay, TimeSpan retention)
    {
        Guard.NotNegative(storedBytes, nameof(storedBytes));
        var perDay = (UInt128)TimeSpan.TicksPerDay;
        return Capped(() => (checked((UInt128)(ulong)storedBytes * pricePerByteDay * (ulong)Math.Max(0, retention.Ticks)) + perDay - 1) / perDay);
    }

    /// <summary>
    /// <paramref name="total"/> split between <paramref name="members"/> agreeing members: equal shares, the remainder one
    /// credit each to the first members, so the shares sum to the total exactly.
    /// </summary>
    public static long[] Shares(long total, int members)
    {
        Guard.NotNegative(total, nameof(total));
        if (members < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(members), "A share needs at least one member.");
        }
        var (share, remainder) = Math.DivRem(total, members);
        return [.. Enumerable.Range(0, members).Select(member => share + (member < remainder ? 1 : 0))];
    }

    /// <summary>The amount, or <see cref="long.MaxValue"/> when it is larger or does not even fit in 128 bits.</summary>
    private static long Capped(Func<UInt128> amount)
    {
        try
        {
            var exact = amount();
            return exact > long.MaxValue ? long.MaxValue : (long)exact;
        }
        catch (OverflowException)
        {
            return long.MaxValue;
        }
    }
}
