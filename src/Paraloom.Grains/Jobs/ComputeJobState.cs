using Paraloom.Compute;
using Paraloom.Compute.Execution;

namespace Paraloom.Grains;

/// <summary>
/// A job's stored state: the spec, the lifecycle, the current attempt's cohort, keys and deadlines, and the
/// agreed result. Everything here is public data or ciphertext; plaintext input never reaches it.
/// </summary>
internal sealed class ComputeJobState
{
    public JobLifecycle? Lifecycle { get; set; }

    /// <summary>The module's content address (<see cref="ModuleKey"/>): its bytes are stored once, by the module grain.</summary>
    public string ModuleHash { get; set; } = "";

    public ResourceLimits Limits { get; set; } = ResourceLimits.Default;

    public int Replication { get; set; }

    public byte[] Requester { get; set; } = [];

    /// <summary>The job statement as the requester signed it (its canonical encoding) and the signature.</summary>
    public byte[] Statement { get; set; } = [];

    public byte[] StatementSignature { get; set; } = [];

    /// <summary>
    /// The input as submitted (a public job's input, or a private job's sealed input) when it is at most
    /// <see cref="InlineInputBytes"/>; <c>null</c> when the job's input grain (<see cref="IJobInputGrain"/>) keeps it.
    /// </summary>
    public byte[]? Input { get; set; }

    /// <summary>
    /// Inputs up to this size are written with every transition of the job; a larger one once, by its own grain, at the
    /// cost of one more write and one more read per job.
    /// </summary>
    public const int InlineInputBytes = 64 * 1024;

    public StoredPrivateInput? Private { get; set; }

    public List<StoredMember> Cohort { get; set; } = [];

    /// <summary>Validators an earlier attempt caught failing; later cohorts take them only when nobody else is eligible.</summary>
    public HashSet<string> Suspects { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The job key wrapped to each member of the current cohort, once the requester handed it out.</summary>
    public Dictionary<string, byte[]> WrappedKeys { get; set; } = new(StringComparer.Ordinal);

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>When each attempt's cohort was assigned, attempt 1 first: one entry per attempt, so bounded by the attempts a job may make.</summary>
    public List<DateTimeOffset> AttemptStartedAt { get; set; } = [];

    /// <summary>The module and input bytes the job stores, counted against its requester's share until it is forgotten.</summary>
    public long StoredBytes { get; set; }

    /// <summary>Why the job was rejected, as one of the <see cref="JobRejectionReason"/> codes.</summary>
    public string? RejectionCode { get; set; }

    /// <summary>When the job became final, so its elapsed time stops there.</summary>
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>The execution profile the current attempt's cohort was chosen in.</summary>
    public string? Profile { get; set; }

    /// <summary>When the whole job is rejected if it has not finished (submission + distribution timeout).</summary>
    public DateTimeOffset DistributionDeadline { get; set; }

    /// <summary>When the current attempt closes, while executing; when the key hand-out is given up, while awaiting keys.</summary>
    public DateTimeOffset? StepDeadline { get; set; }

    public StoredResult? Result { get; set; }

    /// <summary>
    /// Each earlier attempt whose cohort certified that its votes could not agree, in attempt order, as a one-attempt
    /// <see cref="RejectionReceipt"/>'s bytes: what a rejection for disagreement rests on once the last attempt fails too.
    /// </summary>
    public List<byte[]> DisagreedAttempts { get; set; } = [];

    /// <summary>The rejection receipt's canonical bytes (<see cref="RejectionReceipt"/>), when the cohorts certify why the job was rejected.</summary>
    public byte[]? RejectionReceipt { get; set; }

    /// <summary>The prices the job was submitted under and what it holds of its requester's credits; null for a job stored before accounts.</summary>
    public StoredFees? Fees { get; set; }

    /// <summary>How many transitions were stored (<see cref="JobStatus.Version"/>): written with the state it numbers.</summary>
    public long Version { get; set; }
}

/// <summary>
/// A private job's proofs and keys as submitted (its sealed input is the job's input); <see cref="HandOutKey"/> is the only
/// key whose hand-outs the job takes.
/// </summary>
internal sealed record StoredPrivateInput(byte[] InputCommitment, byte[] Nonce, byte[] OwnershipProof, byte[] HandOutKey);

/// <summary>What a job pays with: fuel at <paramref name="PricePerFuelUnit"/> for each execution, and <paramref name="StorageCharge"/> for its bytes.</summary>
/// <param name="Held">The hold it set aside at submission: the most it may be charged.</param>
internal sealed record StoredFees(ulong PricePerFuelUnit, long StorageCharge, long Held);

/// <param name="Receipt">The job receipt's canonical bytes (<see cref="JobReceipt"/>); null for a result stored before receipts.</param>
/// <param name="NotePosition">Where the output note is in the note tree; null without a note (or stored before the tree).</param>
internal sealed record StoredResult(
    ExecutionStatus Status, uint Code, byte[] Output, long FuelUsed, ulong PricePerFuelUnit, byte[]? Receipt = null, long? NotePosition = null);
