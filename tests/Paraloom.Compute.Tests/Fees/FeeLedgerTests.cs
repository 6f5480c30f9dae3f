using Paraloom.Compute.Fees;

namespace Paraloom.Compute.Tests.Fees;

public class FeeLedgerTests
{
    [Fact]
    public void The_fee_is_fuel_times_price_exactly_even_beyond_64_bits()
    {
        Assert.Equal((UInt128)2_000, FeeLedger.Compute(1_000, 2));
        var huge = FeeLedger.Compute(long.MaxValue, ulong.MaxValue);
        Assert.Equal(UInt128.Parse("170141183460469231704017187605319778305"), huge);
        Assert.Throws<ArgumentOutOfRangeException>(() => FeeLedger.Compute(-1, 1));
    }

    [Fact]
    public void Each_job_is_charged_once()
    {
        var ledger = new FeeLedger(new FeeOptions { PricePerFuelUnit = 3 });
        var job = JobId.Parse("job1");
        var first = ledger.Charge(job, 10);
        Assert.Equal((UInt128)30, first.Amount);
        Assert.Same(first, ledger.Charge(job, 10));
        var error = Assert.Throws<InvalidOperationException>(() => ledger.Charge(job, 11));
        Assert.Contains("already charged", error.Message);

        ledger.Charge(JobId.Parse("job2"), 5);
        Assert.Equal((UInt128)45, ledger.Total);
        Assert.True(ledger.TryGet(job, out var record));
        Assert.Equal(3UL, record.PricePerFuelUnit);
        Assert.False(ledger.TryGet(JobId.Parse("job3"), out _));
    }
}
