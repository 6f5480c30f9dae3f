using Paraloom.Privacy.Notes;

namespace Paraloom.Compute.Agreement;

public enum AgreementOutcomeKind
{
    Finalised,
    Retry,
    Reject,
}

/// <summary>What the job does after one attempt's tally is decided.</summary>
public sealed record AgreementOutcome
{
    private AgreementOutcome(AgreementOutcomeKind kind, ResultDigest? digest, long fuelUsed, string? reason, NoteCommitment? note = null)
    {
        Kind = kind;
        Digest = digest;
        FuelUsed = fuelUsed;
        Reason = reason;
        Note = note;
    }

    public AgreementOutcomeKind Kind { get; }

    /// <summary>The agreed digest when <see cref="Kind"/> is <see cref="AgreementOutcomeKind.Finalised"/>.</summary>
    public ResultDigest? Digest { get; }

    /// <summary>The agreed fuel when <see cref="Kind"/> is <see cref="AgreementOutcomeKind.Finalised"/>.</summary>
    public long FuelUsed { get; }

    /// <summary>The agreed output note of a finalised private result; <c>null</c> otherwise.</summary>
    public NoteCommitment? Note { get; }

    /// <summary>Why the attempt failed, when it did.</summary>
    public string? Reason { get; }

    internal static AgreementOutcome Finalised(ResultDigest digest, long fuelUsed, NoteCommitment? note) =>
        new(AgreementOutcomeKind.Finalised, digest, fuelUsed, null, note);

    internal static AgreementOutcome Retry(string reason) => new(AgreementOutcomeKind.Retry, null, 0, reason);

    internal static AgreementOutcome Reject(string reason) => new(AgreementOutcomeKind.Reject, null, 0, reason);
}
