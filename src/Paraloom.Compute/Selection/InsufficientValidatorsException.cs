namespace Paraloom.Compute.Selection;

/// <summary>Too few validators pass the reputation gate and have free capacity to form a cohort.</summary>
public sealed class InsufficientValidatorsException : Exception
{
    public InsufficientValidatorsException(int required, int eligible, int aboveGate)
        : base(aboveGate >= required
            ? $"A cohort needs {required} validators with free capacity but only {eligible} of the {aboveGate} above the reputation gate have any."
            : $"A cohort needs {required} validators but only {aboveGate} pass the reputation gate.")
    {
        Required = required;
        Eligible = eligible;
        AboveGate = aboveGate;
    }

    public int Required { get; }

    /// <summary>Validators above the reputation gate with free capacity.</summary>
    public int Eligible { get; }

    /// <summary>Validators above the reputation gate, busy or not.</summary>
    public int AboveGate { get; }

    /// <summary>Enough validators exist and are trusted: the cohort forms once some of them finish their work.</summary>
    public bool OnlyBusy => AboveGate >= Required;
}
