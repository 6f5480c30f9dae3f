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

    private JobSubmission(
        ReadOnlySpan<byte> module, PublicKey requester, ReadOnlySpan<byte> publicInput, PrivateJobInput? privateInput,
        ResourceLimits? limits, int replication)
    {
        ArgumentNullException.ThrowIfNull(requester);
        _module = module.ToArray();
        _publicInput = publicInput.ToArray();
        Requester = requester;
        Private = privateInput;
        Limits = limits ?? ResourceLimits.Default;
        Replication = replication;
    }

    /// <summary>The WebAssembly module (compute ABI v1).</summary>
    public ReadOnlyMemory<byte> Module => _module;

    /// <summary>The requester: only its key may fetch the result.</summary>
    [Id(2)]
    public PublicKey Requester { get; }

    /// <summary>The plaintext input of a public job; empty for a private one.</summary>
    public ReadOnlyMemory<byte> PublicInput => _publicInput;

    /// <summary>The sealed input and its proofs, for a private job.</summary>
    [Id(3)]
    public PrivateJobInput? Private { get; }

    public bool IsPrivate => Private is not null;

    [Id(4)]
    public ResourceLimits Limits { get; }

    /// <summary>K: how many validators run the job.</summary>
    [Id(5)]
    public int Replication { get; }

    /// <summary>A job whose input every validator and the service may see; its output is delivered in the clear.</summary>
    public static JobSubmission Public(
        ReadOnlySpan<byte> module, ReadOnlySpan<byte> input, PublicKey requester, ResourceLimits? limits = null,
        int replication = JobSpec.DefaultReplication) =>
        new(module, requester, input, null, limits, replication);

    /// <summary>A job whose input and output only the requester and the cohort's executors ever see in the clear.</summary>
    public static JobSubmission Confidential(
        ReadOnlySpan<byte> module, PublicKey requester, PrivateJobInput input, ResourceLimits? limits = null,
        int replication = JobSpec.DefaultReplication)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new(module, requester, [], input, limits, replication);
    }

    public override string ToString() =>
        $"JobSubmission({(IsPrivate ? "private" : "public")}, {_module.Length} byte module, K={Replication})";
}
