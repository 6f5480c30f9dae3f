namespace Paraloom.Wire;

/// <summary>Where a job is. Nothing here is secret: keys are public, inputs appear only as commitments.</summary>
internal sealed record JobStatusResponse
{
    public required string JobId { get; init; }

    /// <summary>Submitted, Assigned, AwaitingKeys, KeysDelivered, Executing, Retrying, Finalised, Rejected or Cancelled.</summary>
    public required string State { get; init; }

    public required bool IsPrivate { get; init; }

    public required string Requester { get; init; }

    /// <summary>The current attempt, from 1.</summary>
    public required int Attempt { get; init; }

    /// <summary>The current attempt's cohort with the public keys job keys are wrapped to.</summary>
    public required IReadOnlyList<CohortMemberDto> Cohort { get; init; }

    /// <summary>Votes the current attempt's quorum has counted (of <c>Cohort.Count</c>).</summary>
    public required int VotesReceived { get; init; }

    /// <summary>Votes one result needs.</summary>
    public required int Threshold { get; init; }

    public required long ElapsedMs { get; init; }

    /// <summary>True while the service waits for the requester to hand the job key to the current cohort.</summary>
    public required bool AwaitingKeys { get; init; }

    /// <summary>For a private job: the public facts its ciphertexts are bound to.</summary>
    public PrivacyContextDto? Privacy { get; init; }

    /// <summary>The agreed result digest, hex, once finalised.</summary>
    public string? Digest { get; init; }

    /// <summary>Why the job was rejected, or why the last attempt was retried.</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// Once rejected, why, as a code: <c>disagreement</c>, <c>wall-clock-limit</c> (every member of a cohort hit the job's
    /// own wall-clock limit), <c>refused-by-cohort</c>, <c>key-hand-out-timeout</c> or <c>distribution-timeout</c>.
    /// </summary>
    public string? RejectionCode { get; init; }

    /// <summary>The execution profile (engine/version/architecture/configuration hash) the cohort was chosen in.</summary>
    public string? Profile { get; init; }

    /// <summary>
    /// The status's version: one more with each stored state change, never lower. GET /v1/jobs/{id}?after=V waits for a
    /// version past V; the event stream uses it as each event's id.
    /// </summary>
    public required long Version { get; init; }

    /// <summary>The job statement the requester signed, in its canonical encoding (base64): check it before trusting it.</summary>
    public JobStatementDto? Statement { get; init; }

    /// <summary>K: how many validators run each attempt.</summary>
    public required int Replication { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }

    /// <summary>When each attempt started (its cohort was assigned), attempt 1 first.</summary>
    public IReadOnlyList<DateTimeOffset> AttemptStartedAt { get; init; } = [];

    /// <summary>When the job reached its final state.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>A public job's hold, in credits: the most it may be charged; null for a private job.</summary>
    public long? FeeHeld { get; init; }

    /// <summary>A public job's fee once final, in credits: what its requester's account was charged; null for a private job.</summary>
    public long? Fee { get; init; }
}

/// <summary>A job statement (canonical bytes, base64) and its requester's BIP-340 signature over the statement's hash (hex).</summary>
internal sealed record JobStatementDto(byte[] Encoded, string Signature);

/// <summary>
/// A cohort member: the key job keys are wrapped to, and its validator certificate (hex of the canonical bytes,
/// docs/receipt-format.md) that a client checks under the network authority's key before it wraps anything to it.
/// </summary>
internal sealed record CohortMemberDto(string ValidatorId, string PublicKey, string? Certificate);

/// <summary>What a requester needs, with its secret key, to re-derive the job key.</summary>
internal sealed record PrivacyContextDto(string ModuleHash, string InputCommitment, string Nonce);
