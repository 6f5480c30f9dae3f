using Orleans;
using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>
/// A cohort member's vote: its claim (digest and fuel, under its execution profile) signed with its key over <see cref="VoteMessage"/>,
/// and the result it claims (status, code and output: sealed for a private job, with the plaintext's fingerprint)
/// so the quorum can check the digest and keep the output it agrees on.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.signed-vote")]
public sealed class SignedVote
{
    [Id(0)]
    private readonly byte[] _output;

    public SignedVote(
        string jobId, int attempt, string validatorId, ExecutionStatus status, uint code, ReadOnlySpan<byte> output,
        long fuelUsed, string profile, SchnorrSignature signature, ResultDigest? outputFingerprint = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(profile);
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentException.ThrowIfNullOrEmpty(validatorId);
        ArgumentNullException.ThrowIfNull(signature);
        JobId = jobId;
        Attempt = attempt;
        ValidatorId = validatorId;
        Status = status;
        Code = code;
        _output = output.ToArray();
        FuelUsed = fuelUsed;
        Profile = profile;
        Signature = signature;
        OutputFingerprint = outputFingerprint;
    }

    [Id(1)]
    public string JobId { get; }

    [Id(2)]
    public int Attempt { get; }

    [Id(3)]
    public string ValidatorId { get; }

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

    /// <summary>Signs a vote with the validator's own key.</summary>
    public static SignedVote Sign(
        SecretKey key, string jobId, int attempt, string validatorId, ExecutionStatus status, uint code,
        ReadOnlySpan<byte> output, long fuelUsed, string profile, ResultDigest? outputFingerprint = null)
    {
        ArgumentNullException.ThrowIfNull(key);
        var digest = ResultDigestEncoding.Compute(status, code, output, outputFingerprint);
        var signature = key.Sign(VoteMessage.Encode(jobId, attempt, digest, fuelUsed, profile));
        return new SignedVote(jobId, attempt, validatorId, status, code, output, fuelUsed, profile, signature, outputFingerprint);
    }

    public bool VerifySignature(Paraloom.Privacy.PublicKey key) =>
        key.Verify(VoteMessage.Encode(JobId, Attempt, Digest, FuelUsed, Profile), Signature);

    public override string ToString() => $"SignedVote({JobId}/{Attempt} by {ValidatorId}: {Digest}, {FuelUsed} fuel, {Profile})";
}
