namespace Paraloom.Wire;

/// <summary>A single-use challenge the requester signs to fetch the result.</summary>
internal sealed record ResultChallengeResponse(string Challenge, DateTimeOffset ExpiresAt);

/// <summary>POST /v1/jobs/{id}/result: the challenge and the requester's BIP-340 signature over it, hex.</summary>
internal sealed record ResultRequest
{
    public required string Challenge { get; init; }

    public required string Signature { get; init; }
}

/// <summary>
/// POST /v1/jobs/{id}/cancel: a challenge (from POST /v1/jobs/{id}/result/challenge) and the requester's BIP-340 signature
/// over its cancel of the job (<c>paraloom/job-cancel/v1</c>), hex.
/// </summary>
internal sealed record CancelRequest
{
    public required string Challenge { get; init; }

    public required string Signature { get; init; }
}

/// <summary>A finalised job's agreed result.</summary>
internal sealed record JobResultResponse
{
    public required string JobId { get; init; }

    /// <summary>The attempt whose cohort agreed (a private output is sealed per attempt).</summary>
    public required int Attempt { get; init; }

    /// <summary>Ok, Trap or AbiError.</summary>
    public required string Status { get; init; }

    /// <summary>The trap code or ABI error kind; 0 when Ok.</summary>
    public required uint Code { get; init; }

    /// <summary>The trap or ABI error by name, when not Ok.</summary>
    public string? Error { get; init; }

    /// <summary>The sealed output of a private job, the plaintext of a public one; base64.</summary>
    public required byte[] Output { get; init; }

    public required string Digest { get; init; }

    public required long FuelUsed { get; init; }

    /// <summary>The fee in the network's smallest unit: a JSON number, like <see cref="FuelUsed"/>.</summary>
    public required UInt128 Fee { get; init; }

    public PrivacyContextDto? Privacy { get; init; }

    /// <summary>
    /// The job receipt's canonical bytes (docs/receipt-format.md), base64 like the output: the signed statement and a
    /// threshold of the cohort's certified votes on this result. Absent for a result agreed before receipts.
    /// </summary>
    public byte[]? Receipt { get; init; }
}
