namespace Paraloom.Wire;

/// <summary>
/// POST /v1/jobs. The requester chooses the job id, so a private job's ownership proof can be bound to it.
/// A public job carries <see cref="Input"/>; a private one carries <see cref="Private"/> instead.
/// </summary>
internal sealed record SubmitJobRequest
{
    /// <summary>1–64 characters of letters, digits, '-' or '_'.</summary>
    public required string JobId { get; init; }

    /// <summary>The WebAssembly module (compute ABI v1), base64.</summary>
    public required byte[] Module { get; init; }

    /// <summary>The requester's x-only secp256k1 public key, hex: only its key may fetch the result.</summary>
    public required string Requester { get; init; }

    /// <summary>A public job's input, base64.</summary>
    public byte[]? Input { get; init; }

    /// <summary>A private job's sealed input and proofs.</summary>
    public PrivateInputDto? Private { get; init; }

    /// <summary>Resource limits; a limit left out takes its default.</summary>
    public LimitsDto? Limits { get; init; }

    /// <summary>K: how many validators run the job (default 3).</summary>
    public int? Replication { get; init; }

    /// <summary>
    /// The job statement the requester signed: it must name this job id, module, input (or commitment and nonce),
    /// requester, limits and K, and be unexpired.
    /// </summary>
    public required JobStatementDto Statement { get; init; }
}

/// <summary>The private part of a submission.</summary>
internal sealed record PrivateInputDto
{
    /// <summary>Pedersen commitment to the input, compressed point, hex.</summary>
    public required string InputCommitment { get; init; }

    /// <summary>The input sealed under the job key, base64.</summary>
    public required byte[] SealedInput { get; init; }

    /// <summary>The public salt the requester derives the job key from, hex.</summary>
    public required string Nonce { get; init; }

    /// <summary>The proof of ownership of the key and the input, bound to this job, hex.</summary>
    public required string OwnershipProof { get; init; }

    /// <summary>The job's hand-out key (x-only public key, hex): only hand-outs it signs are taken.</summary>
    public required string HandOutKey { get; init; }

    /// <summary>The requester's BIP-340 signature delegating the hand-out to <see cref="HandOutKey"/>, hex.</summary>
    public required string HandOutDelegation { get; init; }
}

/// <summary>A job's resource limits.</summary>
internal sealed record LimitsDto
{
    public long? MemoryBytes { get; init; }

    public long? Fuel { get; init; }

    public long? WallClockMs { get; init; }

    public long? DistributionTimeoutMs { get; init; }

    public int? MaxOutputBytes { get; init; }
}
