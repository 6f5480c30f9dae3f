namespace Paraloom.Testing;

/// <summary>A validator's behaviour in a test: honest, or one of the faults the agreement must survive.</summary>
public enum ValidatorConduct
{
    Honest,

    /// <summary>
    /// Votes a different output of the honest length, consistent with the digest it signs; for a private job it
    /// claims the honest output fingerprint beside its forged sealed bytes.
    /// </summary>
    WrongDigest,

    /// <summary>
    /// Like <see cref="WrongDigest"/>, but a private job's vote claims a fingerprint of its own too, as a liar that
    /// seals a plaintext of its choosing would.
    /// </summary>
    WrongFingerprint,

    /// <summary>
    /// Votes the honest output and fingerprint of a private job, but signs a note that commits to another value: the
    /// quorum must count it as a different ballot.
    /// </summary>
    WrongNote,

    /// <summary>Sends the honest vote and a second, different, signed vote for the same attempt.</summary>
    Equivocate,

    /// <summary>Never votes.</summary>
    Silent,

    /// <summary>Votes the honest result with a signature that does not verify.</summary>
    BadSignature,

    /// <summary>
    /// Votes a different result, with its own valid signature, on any job it is handed, though no cohort
    /// of that job includes it: the quorum must refuse it.
    /// </summary>
    VoteOutsideCohort,
}
