using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Execution;
using Paraloom.Privacy.Notes;

namespace Paraloom.Grains;

/// <summary>
/// A quorum's stored state: the setup, every vote that changed the tally (in arrival order, so replaying
/// them rebuilds it), invalid signers, refusals, the deadline, whether the attempt closed, the decision, and the reputation outcomes applied.
/// </summary>
internal sealed class QuorumState
{
    public string? JobId { get; set; }

    public int Attempt { get; set; }

    public List<StoredMember> Cohort { get; set; } = [];

    public AgreementOptions Agreement { get; set; } = AgreementOptions.Default;

    /// <summary>The execution profile the cohort was chosen in: only votes signed under it count.</summary>
    public string Profile { get; set; } = "";

    /// <summary>The hash of the job's signed statement: only votes that sign it count.</summary>
    public byte[] StatementHash { get; set; } = [];

    public List<StoredVote> Votes { get; set; } = [];

    /// <summary>
    /// One copy of each distinct output voted for, by its digest, until the attempt decides; then only the decision
    /// keeps the agreed one. Votes hold digests, so K honest votes cost one output, not K.
    /// </summary>
    public Dictionary<string, byte[]> Outputs { get; set; } = new(StringComparer.Ordinal);

    public List<string> InvalidSigners { get; set; } = [];

    /// <summary>Members that refused to run the attempt, with their reasons, in arrival order.</summary>
    public List<StoredRefusal> Refusals { get; set; } = [];

    /// <summary>Members whose execution hit the job's wall-clock limit, in arrival order.</summary>
    public List<string> WallClocked { get; set; } = [];

    /// <summary>Each wall-clocked member's signature over its report (<see cref="WallClockReport"/>): a rejection receipt's evidence.</summary>
    public Dictionary<string, byte[]> WallClockSignatures { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the attempt closes (its deadline), once the job started executing it.</summary>
    public DateTimeOffset? CloseAt { get; set; }

    public bool Closed { get; set; }

    /// <summary>The job was cancelled while the attempt ran: it counts nothing more and is never closed, so nobody is penalised for it.</summary>
    public bool Abandoned { get; set; }

    public StoredDecision? Decision { get; set; }

    /// <summary>
    /// The result a later attempt of the job agreed on, once this attempt failed: it tells who in this cohort
    /// voted for the truth and who dissented, which this attempt's own tally could not.
    /// </summary>
    public StoredAgreement? LaterAgreement { get; set; }

    /// <summary>"member/conduct" of every reputation outcome already applied.</summary>
    public List<string> AppliedOutcomes { get; set; } = [];
}

/// <param name="Certificate">The canonical bytes of the member's validator certificate; null in state written before cohorts carried them.</param>
internal sealed record StoredMember(string ValidatorId, byte[] PublicKey, byte[]? Certificate = null);

internal sealed record StoredRefusal(string ValidatorId, string Reason);

/// <param name="Note">A private result's output note (<see cref="NoteCommitment.ToBytes"/>); null otherwise.</param>
internal sealed record StoredVote(
    string ValidatorId, ExecutionStatus Status, uint Code, ResultDigest Digest, int OutputLength, long FuelUsed, byte[] Signature,
    ResultDigest? OutputFingerprint = null, byte[]? Note = null)
{
    public NoteCommitment? ReadNote() => StoredNote.Read(Note);

    /// <summary>Whether this vote is for the ballot (digest, fuel, note) a tally counts.</summary>
    public bool IsFor(ResultDigest digest, long fuelUsed, NoteCommitment? note) =>
        Digest == digest && FuelUsed == fuelUsed && Equals(ReadNote(), note);
}

/// <summary>A note as the quorum's JSON state holds it: its canonical bytes, or null.</summary>
internal static class StoredNote
{
    public static byte[]? Write(NoteCommitment? note) => note?.ToBytes();

    public static NoteCommitment? Read(byte[]? note) => note is null ? null : NoteCommitment.FromBytes(note);
}

/// <summary>
/// What a later attempt agreed on. A private job's output is sealed per attempt, so its bytes do not compare; its
/// fingerprint does.
/// </summary>
internal sealed record StoredAgreement(
    ExecutionStatus Status, uint Code, int OutputLength, ResultDigest Digest, long FuelUsed, ResultDigest? OutputFingerprint,
    byte[]? Note = null);

internal sealed record StoredDecision(
    AgreementOutcomeKind Kind, string? Reason, ExecutionStatus Status, uint Code, byte[] Output, ResultDigest? Digest, long FuelUsed,
    ResultDigest? OutputFingerprint = null, string? RejectionCode = null, byte[]? Note = null);
