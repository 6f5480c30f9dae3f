namespace Paraloom.Client.Wire;

// The silo's JSON contract (see its /openapi/v1.json), as the client sends and reads it.

internal sealed record SubmitJobRequest(
    string JobId, byte[] Module, string Requester, byte[]? Input, PrivateInputDto? Private, LimitsDto Limits, int Replication);

internal sealed record PrivateInputDto(string InputCommitment, byte[] SealedInput, string Nonce, string OwnershipProof);

internal sealed record LimitsDto(long MemoryBytes, long Fuel, long WallClockMs, long DistributionTimeoutMs, int MaxOutputBytes);

internal sealed record JobStatusResponse(
    string JobId, string State, bool IsPrivate, string Requester, int Attempt, IReadOnlyList<CohortMemberDto> Cohort,
    int VotesReceived, int Threshold, long ElapsedMs, bool AwaitingKeys, PrivacyContextDto? Privacy, string? Digest, string? Reason);

internal sealed record CohortMemberDto(string ValidatorId, string PublicKey);

internal sealed record PrivacyContextDto(string ModuleHash, string InputCommitment, string Nonce);

internal sealed record DeliverKeysRequest(int Attempt, IReadOnlyDictionary<string, byte[]> WrappedKeys);

internal sealed record ResultChallengeResponse(string Challenge, DateTimeOffset ExpiresAt);

internal sealed record ResultRequest(string Challenge, string Signature);

internal sealed record JobResultResponse(
    string JobId, int Attempt, string Status, uint Code, string? Error, byte[] Output, string Digest, long FuelUsed, string Fee,
    PrivacyContextDto? Privacy);

internal sealed record ValidatorResponse(
    string ValidatorId, string SiloId, string PublicKey, int Capacity, int InFlight, double Load, int Reputation);

internal sealed record ProblemResponse(string? Title, string? Detail, int? Status, string? Error);
