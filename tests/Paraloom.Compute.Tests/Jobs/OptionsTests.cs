namespace Paraloom.Compute.Tests.Jobs;

public class OptionsTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(4, 3)]
    [InlineData(5, 4)]
    [InlineData(7, 5)]
    [InlineData(10, 7)]
    [InlineData(11, 8)]
    public void The_default_threshold_is_the_ceiling_of_seven_tenths(int k, int threshold)
    {
        Assert.Equal(threshold, AgreementOptions.Default.Threshold(k));
    }

    [Fact]
    public void Thresholds_at_or_below_half_are_refused()
    {
        var half = new AgreementOptions { ThresholdNumerator = 1, ThresholdDenominator = 2 };
        var error = Assert.Throws<InvalidOperationException>(() => half.Threshold(4));
        Assert.Contains("above 1/2", error.Message);
        Assert.Throws<InvalidOperationException>(() => new AgreementOptions { ThresholdNumerator = 11 }.Threshold(3));
        Assert.Equal(3, new AgreementOptions { ThresholdNumerator = 2, ThresholdDenominator = 3 }.Threshold(4));
    }

    [Fact]
    public void Option_values_are_validated()
    {
        Assert.Equal(3, AgreementOptions.Default.MaxAttempts);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AgreementOptions { MaxAttempts = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SelectionOptions { MinimumReputation = 1001 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new SelectionOptions { TieBand = -0.1 });
        Assert.Equal(1UL, FeeOptions.Default.PricePerFuelUnit);
    }
}
