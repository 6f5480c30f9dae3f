using Orleans;
using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// What a requester submits. A public job carries its input in the clear; a private one carries a
/// <see cref="PrivateJobInput"/> instead. Bytes are copied on construction; <see cref="ToString"/> shows no input.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.job-submission")]
public sealed class JobSubmission
{
    [Id(0)]
    private readonly byte[] _module;
    [Id(1)]
    private readonly byte[] _publicInput;

    private JobSubmission(SignedJobStatement statement, ReadOnlySpan<byte> module, ReadOnlySpan<byte> publicInput, PrivateJobInput? privateInput)
    {
        ArgumentNullException.ThrowIfNull(statement);
        _module = module.ToArray();
        _publicInput = publicInput.ToArray();
        Statement = statement;
        Private = privateInput;
    }

    /// <summary>The WebAssembly module (compute ABI v1).</summary>
    public ReadOnlyMemory<byte> Module => _module;

    /// <summary>
    /// The job as its requester signed it: id, module, input, nonce, key, limits, K and expiry. The service takes the
    /// submission only if it matches the statement and the statement's signature is the requester's.
    /// </summary>
    [Id(2)]
    public SignedJobStatement Statement { get; }

    /// <summary>The requester: only its key may fetch the result.</summary>
    public PublicKey Requester => Statement.Statement.Requester;

    /// <summary>The plaintext input of a public job; empty for a private one.</summary>
    public ReadOnlyMemory<byte> PublicInput => _publicInput;

    /// <summary>The sealed input and its proofs, for a private job.</summary>
    [Id(3)]
    public PrivateJobInput? Private { get; }

    public bool IsPrivate => Private is not null;

    public ResourceLimits Limits => Statement.Statement.Limits;

    /// <summary>K: how many validators run the job.</summary>
    public int Replication => Statement.Statement.Replication;

    /// <summary>A job whose input every validator and the service may see; its output is delivered in the clear.</summary>
    public static JobSubmission Public(SignedJobStatement statement, ReadOnlySpan<byte> module, ReadOnlySpan<byte> input) =>
        new(statement, module, input, null);

    /// <summary>A job whose input and output only the requester and the cohort's executors ever see in the clear.</summary>
    public static JobSubmission Confidential(SignedJobStatement statement, ReadOnlySpan<byte> module, PrivateJobInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(statement, module, [], input);
    }

    /// <summary>A public job <paramref name="requester"/> states and signs here, valid for submission for <paramref name="validity"/> (default an hour).</summary>
    public static JobSubmission Public(
        string jobId, ReadOnlySpan<byte> module, ReadOnlySpan<byte> input, SecretKey requester, ResourceLimits? limits = null,
        int replication = JobSpec.DefaultReplication, TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(requester);
        var statement = JobStatement.ForPublic(
            JobId.Parse(jobId), module, input, requester.PublicKey, limits ?? ResourceLimits.Default, replication, ExpiryAfter(validity));
        return Public(statement.Sign(requester), module, input);
    }

    /// <summary>A private job <paramref name="requester"/> sealed and now states and signs, valid for submission for <paramref name="validity"/>.</summary>
    public static JobSubmission Confidential(
        string jobId, ReadOnlySpan<byte> module, SecretKey requester, PrivateJobInput input, ResourceLimits? limits = null,
        int replication = JobSpec.DefaultReplication, TimeSpan? validity = null)
    {
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(input);
        var statement = JobStatement.ForPrivate(
            JobId.Parse(jobId), module, input.InputCommitment, input.Nonce, requester.PublicKey, limits ?? ResourceLimits.Default,
            replication, ExpiryAfter(validity));
        return Confidential(statement.Sign(requester), module, input);
    }

    /// <summary>How long a statement signed here stays submittable unless told otherwise.</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromHours(1);

    private static DateTimeOffset ExpiryAfter(TimeSpan? validity) => DateTimeOffset.UtcNow + (validity ?? DefaultValidity);

    public override string ToString() =>
        $"JobSubmission({(IsPrivate ? "private" : "public")}, {_module.Length} byte module, K={Replication})";
}
