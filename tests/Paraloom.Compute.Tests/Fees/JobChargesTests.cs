using Paraloom.Compute.Fees;

namespace Paraloom.Compute.Tests.Fees;

public sealed class JobChargesTests
{
    [Fact]
    public void A_hold_is_the_fuel_limit_paid_K_times_and_the_bytes_stored_for_the_whole_retention()
    {
        var fees = new FeeOptions { PricePerFuelUnit = 3, StoragePricePerByteDay = 2 };

        Assert.Equal(1_000 * 3 * 5 + 100 * 2 * 7, JobCharges.Hold(1_000, 5, 100, fees, TimeSpan.FromDays(7)));
        Assert.Equal(1_000 * 3 * 5, JobCharges.Compute(1_000, 3, 5));
    }

    [Fact]
    public void Storage_for_part_of_a_day_rounds_up_to_a_whole_credit()
    {
        Assert.Equal(1, JobCharges.Storage(1, 1, TimeSpan.FromMinutes(1)));
        Assert.Equal(50, JobCharges.Storage(100, 1, TimeSpan.FromHours(12)));
        Assert.Equal(0, JobCharges.Storage(0, 1, TimeSpan.FromDays(7)));
    }

    [Fact]
    public void Amounts_no_account_could_hold_are_capped_rather_than_wrapped()
    {
        Assert.Equal(long.MaxValue, JobCharges.Compute(long.MaxValue, ulong.MaxValue, 15));
        Assert.Equal(long.MaxValue, JobCharges.Storage(long.MaxValue, ulong.MaxValue, TimeSpan.FromDays(3650)));
        Assert.Equal(long.MaxValue, JobCharges.Hold(long.MaxValue / 2, 3, 1, FeeOptions.Default, TimeSpan.FromDays(1)));
    }

    [Fact]
    public void Shares_sum_to_the_total_and_differ_by_at_most_one_credit()
    {
        var shares = JobCharges.Shares(10, 3);

        Assert.Equal([4, 3, 3], shares);
        Assert.Equal(10, shares.Sum());
        Assert.Equal([0, 0], JobCharges.Shares(0, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => JobCharges.Shares(10, 0));
    }
}
