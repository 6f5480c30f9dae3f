namespace Paraloom.Compute;

/// <summary>How a cohort agrees: the vote threshold as a fraction of K and how often a job is retried.</summary>
public sealed record AgreementOptions
{
    public static AgreementOptions Default { get; } = new();

    /// <summary>The threshold fraction's numerator (default 7, of 10).</summary>
    public int ThresholdNumerator { get; init => field = Guard.Positive(value, nameof(ThresholdNumerator)); } = 7;

    /// <summary>The threshold fraction's denominator (default 10).</summary>
    public int ThresholdDenominator { get; init => field = Guard.Positive(value, nameof(ThresholdDenominator)); } = 10;

    /// <summary>Attempts before a job whose cohorts keep disagreeing is rejected (default 3).</summary>
    public int MaxAttempts { get; init => field = Guard.Positive(value, nameof(MaxAttempts)); } = 3;

    /// <summary>
    /// The votes one digest needs in a cohort of <paramref name="cohortSize"/>: ⌈K·numerator/denominator⌉.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// The fraction is not above one half or above one: two digests could then both be accepted, or none ever.
    /// </exception>
    public int Threshold(int cohortSize)
    {
        Guard.Positive(cohortSize, nameof(cohortSize));
        if (ThresholdNumerator * 2 <= ThresholdDenominator || ThresholdNumerator > ThresholdDenominator)
        {
            throw new InvalidOperationException(
                $"The agreement threshold {ThresholdNumerator}/{ThresholdDenominator} must be above 1/2 and at most 1.");
        }
        return (int)(((long)cohortSize * ThresholdNumerator + ThresholdDenominator - 1) / ThresholdDenominator);
    }
}
