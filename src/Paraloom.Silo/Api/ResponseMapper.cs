using Paraloom.Grains;
using Paraloom.Privacy.Protocol;
using Paraloom.Wire;

namespace Paraloom.Silo.Api;

/// <summary>The grains' answers as the API's JSON shapes.</summary>
internal static class ResponseMapper
{
    public static AccountResponse ToResponse(AccountView account) => new()
    {
        Key = account.Key,
        Credits = account.Credits,
        Held = account.Held,
        Earned = account.Earned,
        History = [.. account.History.Select(entry => new AccountEntryDto(entry.Kind.ToString(), entry.Amount, entry.JobId, entry.Attempt, entry.At))],
    };

    public static JobStatusResponse ToResponse(JobStatus status) => new()
    {
        JobId = status.JobId,
        State = status.State.ToString(),
        IsPrivate = status.IsPrivate,
        Requester = status.Requester.ToHex(),
        Attempt = status.Attempt,
        Cohort = [.. status.Cohort.Select((member, i) => new CohortMemberDto(
            member.ValidatorId, member.PublicKey.ToHex(),
            i < status.Certificates.Count ? Convert.ToHexStringLower(status.Certificates[i].ToBytes()) : null))],
        VotesReceived = status.VotesReceived,
        Threshold = status.Threshold,
        ElapsedMs = (long)status.Elapsed.TotalMilliseconds,
        AwaitingKeys = status.AwaitingKeys,
        Privacy = ToResponse(status.Privacy),
        Digest = status.Digest?.ToString(),
        Reason = status.Reason,
        RejectionCode = status.RejectionCode,
        Profile = status.Profile,
        Version = status.Version,
        Statement = status.Statement is { } statement ? new JobStatementDto(statement.Statement.ToBytes(), statement.Signature.ToHex()) : null,
        Replication = status.Replication,
        SubmittedAt = status.SubmittedAt,
        AttemptStartedAt = status.AttemptStartedAt,
        FinishedAt = status.FinishedAt,
        FeeHeld = status.FeeHeld,
        Fee = status.Fee,
    };

    public static JobResultResponse ToResponse(JobResult result) => new()
    {
        JobId = result.JobId,
        Attempt = result.Attempt,
        Status = result.Status.ToString(),
        Code = result.Code,
        Error = result.Trap?.ToString() ?? result.AbiError?.ToString(),
        Output = result.Output.ToArray(),
        Digest = result.Digest.ToString(),
        FuelUsed = result.FuelUsed,
        Fee = result.Fee,
        Privacy = ToResponse(result.Privacy),
        Receipt = result.Receipt.IsEmpty ? null : result.Receipt.ToArray(),
    };

    public static NoteProofResponse ToResponse(NoteInclusionProof proof) => new()
    {
        JobId = proof.JobId,
        Note = proof.Note.ToHex(),
        Position = proof.Position,
        TreeSize = proof.TreeSize,
        Root = Convert.ToHexStringLower(proof.Root.Span),
        Path = proof.Path.SiblingsHex(),
        Receipt = proof.Receipt.ToArray(),
    };

    public static ValidatorResponse ToResponse(ValidatorInfo validator) => new(
        validator.ValidatorId, validator.SiloId, validator.PublicKey.ToHex(), validator.Capacity, validator.InFlight,
        validator.Capacity == 0 ? 1.0 : (double)validator.InFlight / validator.Capacity, validator.Reputation);

    private static PrivacyContextDto? ToResponse(PrivateJobContext? privacy) => privacy is null
        ? null
        : new PrivacyContextDto(Convert.ToHexStringLower(privacy.ModuleHash.Span), privacy.InputCommitment.ToHex(), privacy.Nonce.ToHex());
}
