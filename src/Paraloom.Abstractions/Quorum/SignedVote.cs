using Orleans;
using Paraloom.Compute;
using Paraloom.Compute.Agreement;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;
using Paraloom.Privacy.Notes;

namespace Paraloom.Grains;

/// <summary>
/// A cohort member's vote: its claim (the job's statement, attempt and cohort, the digest, fuel and a private result's note,
/// under its execution profile)
/// signed with its key over <see cref="VoteClaim"/>,
/// and the result it claims (status, code and output: sealed for a private job, with the plaintext's fingerprint)
/// so the quorum can check the digest and keep the output it agrees on.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.signed-vote")]
public sealed class SignedVote
{
    [Id(0)]
    private readonly byte[] _output;

    [Id(11)]
    private readonly byte[] _statementHash;

    [Id(12)]
    private readonly byte[] _cohortHash;

    public SignedVote(
        VoteSubject subject, string validatorId, ExecutionStatus status, uint code, ReadOnlySpan<byte> output,
        long fuelUsed, string profile, SchnorrSignature signature, ResultDigest? outputFingerprint = null, NoteCommitment? note = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(profile);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentException.ThrowIfNullOrEmpty(validatorId);
        ArgumentNullException.ThrowIfNull(signature);
        JobId = subject.JobId;
        Attempt = subject.Attempt;
        _statementHash = subject.StatementHash.ToArray();
        _cohortHash = subject.CohortHash.ToArray();
        ValidatorId = validatorId;
        Status = status;
        Code = code;
        _output = output.ToArray();
        FuelUsed = fuelUsed;
        Profile = profile;
        Signature = signature;
        OutputFingerprint = outputFingerprint;
        Note = note;
    }

    [Id(1)]
    public string JobId { get; }

    [Id(2)]
    public int Attempt { get; }

    [Id(3)]
    public string ValidatorId { get; }

    /// <summary>The hash of the job's signed statement (<see cref="JobStatement.Hash"/>).</summary>
    public ReadOnlySpan<byte> StatementHash => _statementHash;

    /// <summary>The hash of the attempt's cohort (<see cref="VoteClaim.HashCohort"/>).</summary>
    public ReadOnlySpan<byte> CohortHash => _cohortHash;

    [Id(4)]
    public ExecutionStatus Status { get; }

    [Id(5)]
    public uint Code { get; }

    public ReadOnlyMemory<byte> Output => _output;

    [Id(6)]
    public long FuelUsed { get; }

    /// <summary>
    /// The digest of (status, code, output and a private output's fingerprint): what the signature covers. Never taken
    /// from the sender: computed from the bytes the vote carries, also when it arrives over the wire, so a vote whose
    /// signed digest is not that of its output fails its signature check and is not counted.
    /// </summary>
    public ResultDigest Digest => _digest ??= ResultDigestEncoding.Compute(Status, Code, _output, OutputFingerprint);

    [NonSerialized]
    private ResultDigest? _digest;

    [Id(8)]
    public SchnorrSignature Signature { get; }

    /// <summary>The execution profile the member ran the job under.</summary>
    [Id(9)]
    public string Profile { get; }

    /// <summary>
    /// For a private job's successful result, the fingerprint of the plaintext output: equal in every attempt for
    /// equal outputs, so a later attempt's agreement can judge this vote. <c>null</c> otherwise.
    /// </summary>
    [Id(10)]
    public ResultDigest? OutputFingerprint { get; }

    /// <summary>For a private job's successful result, its output note, which the signature covers; <c>null</c> otherwise.</summary>
    [Id(13)]
    public NoteCommitment? Note { get; }

    /// <summary>Signs a vote with the validator's own key.</summary>
    public static SignedVote Sign(
        SecretKey key, VoteSubject subject, string validatorId, ExecutionStatus status, uint code,
        ReadOnlySpan<byte> output, long fuelUsed, string profile, ResultDigest? outputFingerprint = null, NoteCommitment? note = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(subject);
        var digest = ResultDigestEncoding.Compute(status, code, output, outputFingerprint);
        var signature = key.Sign(
            new VoteClaim(subject.StatementHash, subject.Attempt, subject.CohortHash, digest, fuelUsed, profile, note).Hash());
        return new SignedVote(subject, validatorId, status, code, output, fuelUsed, profile, signature, outputFingerprint, note);
    }

    /// <summary>What the signature is over, with the digest recomputed from the result the vote carries.</summary>
    public VoteClaim Claim => new(_statementHash, Attempt, _cohortHash, Digest, FuelUsed, Profile, Note);

    /// <summary>The job, statement, attempt and cohort this vote is about.</summary>
    public VoteSubject Subject => new(JobId, Attempt, _statementHash, _cohortHash);

    public bool VerifySignature(Paraloom.Privacy.PublicKey key) => key.Verify(Claim.Hash(), Signature);

    public override string ToString() => $"SignedVote({JobId}/{Attempt} by {ValidatorId}: {Digest}, {FuelUsed} fuel, {Profile})";
}
