using Paraloom.Compute;
using Paraloom.Grains;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;
using Paraloom.Privacy.Protocol;
using Paraloom.Wire;

namespace Paraloom.Client.Transport.Http;

/// <summary>The SDK's types to and from the HTTP API's JSON shapes.</summary>
internal static class WireMapping
{
    public static SubmitJobRequest ToRequest(Job job) => new()
    {
        JobId = job.Id,
        Module = job.Module,
        Requester = job.Requester.ToHex(),
        Input = job.PublicInput,
        Private = job.SealedInput is { } sealedInput ? ToDto(sealedInput) : null,
        Limits = ToDto(job.Statement.Statement.Limits),
        Replication = job.Replication,
        Statement = new JobStatementDto(job.Statement.Statement.ToBytes(), job.Statement.Signature.ToHex()),
    };

    /// <summary>The limits the statement signed, whole milliseconds as it encodes them.</summary>
    private static LimitsDto ToDto(ResourceLimits limits) => new()
    {
        MemoryBytes = limits.MemoryBytes,
        Fuel = limits.Fuel,
        WallClockMs = (long)limits.WallClock.TotalMilliseconds,
        DistributionTimeoutMs = (long)limits.DistributionTimeout.TotalMilliseconds,
        MaxOutputBytes = limits.MaxOutputBytes,
    };

    public static DeliverKeysRequest ToRequest(SignedKeyHandOut handOut) => new()
    {
        Attempt = handOut.Attempt,
        WrappedKeys = handOut.WrappedKeys.ToDictionary(pair => pair.Key, pair => pair.Value.ToBytes(), StringComparer.Ordinal),
        Signature = handOut.Signature.ToHex(),
    };

    public static JobProgress ToProgress(JobStatusResponse status)
    {
        var requester = PublicKey.FromHex(status.Requester);
        return new JobProgress
        {
            JobId = status.JobId,
            State = Enum.Parse<JobState>(status.State),
            IsPrivate = status.IsPrivate,
            Requester = requester,
            Attempt = status.Attempt,
            Cohort = [.. status.Cohort.Select(member => new CohortMember(member.ValidatorId, PublicKey.FromHex(member.PublicKey)))],
            Certificates = [.. status.Cohort.Select(member => CertificateOrNull(member.Certificate))],
            VotesReceived = status.VotesReceived,
            Threshold = status.Threshold,
            Elapsed = TimeSpan.FromMilliseconds(status.ElapsedMs),
            AwaitingKeys = status.AwaitingKeys,
            Digest = status.Digest,
            Reason = status.Reason,
            RejectionCode = status.RejectionCode,
            Profile = status.Profile,
            Version = status.Version,
            Replication = status.Replication,
            SubmittedAt = status.SubmittedAt,
            AttemptStartedAt = status.AttemptStartedAt,
            FinishedAt = status.FinishedAt,
            FeeHeld = status.FeeHeld,
            Fee = status.Fee,
            Privacy = ContextOf(status.JobId, status.Privacy, requester),
            Statement = status.Statement is { } statement ? ToStatement(statement) : null,
        };
    }

    public static JobResult ToResult(JobResultResponse result, PublicKey requester) => new(
        result.JobId, result.Attempt, Enum.Parse<ResultStatus>(result.Status), result.Code, result.Error, result.Output, result.Digest,
        result.FuelUsed, result.Fee, ContextOf(result.JobId, result.Privacy, requester),
        result.Receipt ?? []);

    /// <exception cref="UnverifiedNoteProofException">A field does not parse: the silo, or something on the way, sent no proof.</exception>
    public static NoteInclusionProof ToNoteProof(string jobId, NoteProofResponse proof)
    {
        try
        {
            var root = Convert.FromHexString(proof.Root);
            if (root.Length != NoteTreeHash.Size) throw new FormatException("A tree root is 32 bytes.");
            return new NoteInclusionProof(
                proof.JobId, NoteCommitment.FromHex(proof.Note), NotePath.FromHex(proof.Position, proof.Path), proof.TreeSize, root, proof.Receipt);
        }
        catch (Exception malformed) when (malformed is FormatException or ArgumentException)
        {
            throw new UnverifiedNoteProofException(jobId, "the proof does not parse: " + malformed.Message.TrimEnd('.'));
        }
    }

    public static Account ToAccount(AccountResponse account) => new(
        account.Key, account.Credits, account.Held, account.Earned,
        [.. account.History.Select(entry => new AccountEntry(Enum.Parse<AccountEntryKind>(entry.Kind), entry.Amount, entry.JobId, entry.Attempt, entry.At))]);

    public static ValidatorStatus ToValidator(ValidatorResponse validator) => new(
        validator.ValidatorId, validator.SiloId, PublicKey.FromHex(validator.PublicKey), validator.Capacity, validator.InFlight, validator.Reputation);

    /// <summary>A member's certificate as the silo sent it; null when it sent none or one that does not parse (so uncertified).</summary>
    private static ValidatorCertificate? CertificateOrNull(string? hex)
    {
        try
        {
            return hex is null ? null : ValidatorCertificate.FromBytes(Convert.FromHexString(hex));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static PrivateInputDto ToDto(PrivateJobInput sealedInput) => new()
    {
        InputCommitment = sealedInput.InputCommitment.ToHex(),
        SealedInput = sealedInput.SealedInput.ToBytes(),
        Nonce = sealedInput.Nonce.ToHex(),
        OwnershipProof = Convert.ToHexStringLower(sealedInput.OwnershipProof.ToBytes()),
        HandOutKey = sealedInput.HandOutKey.ToHex(),
        HandOutDelegation = sealedInput.HandOutDelegation.ToHex(),
    };

    private static PrivateJobContext? ContextOf(string jobId, PrivacyContextDto? privacy, PublicKey requester) => privacy is null
        ? null
        : new PrivateJobContext(jobId, Convert.FromHexString(privacy.ModuleHash), PedersenCommitment.FromHex(privacy.InputCommitment),
            requester, JobNonce.FromHex(privacy.Nonce));

    /// <summary>The statement as sent; null when it does not even parse (the client then refuses to act on it).</summary>
    private static SignedJobStatement? ToStatement(JobStatementDto statement)
    {
        try
        {
            return SignedJobStatement.FromBytes(statement.Encoded, Convert.FromHexString(statement.Signature));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
