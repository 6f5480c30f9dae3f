namespace Paraloom.Compute.Selection;

/// <summary>Too few validators pass the reputation gate and have free capacity to form a cohort.</summary>
public sealed class InsufficientValidatorsException : Exception
{
    public InsufficientValidatorsException(int required, int eligible)
        : base($"A cohort needs {required} validators but only {eligible} pass the reputation gate with free capacity.")
    {
        Required = required;
        Eligible = eligible;
    }

    public int Required { get; }

    public int Eligible { get; }
}
