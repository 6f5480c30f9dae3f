using System.Security.Cryptography;

namespace Paraloom.Compute;

/// <summary>
/// What a requester submits: the module, the input (plain, or sealed in a <see cref="PrivateEnvelope"/>),
/// the limits and the replication factor K. Bytes are copied on construction: a spec never changes.
/// </summary>
public sealed class JobSpec
{
    public const int DefaultReplication = 3;

    private readonly byte[] _module;
    private readonly byte[] _input;

    private JobSpec(JobId id, byte[] module, byte[] input, PrivateEnvelope? envelope, ResourceLimits limits, int replication)
    {
        Id = id;
        Envelope = envelope;
        _module = module;
        _input = input;
        ModuleHash = SHA256.HashData(module);
        Limits = limits;
        Replication = Guard.Positive(replication, nameof(replication));
    }

    public JobId Id { get; }

    /// <summary>The WebAssembly module (compute ABI v1).</summary>
    public ReadOnlyMemory<byte> Module => _module;

    /// <summary>SHA-256 of <see cref="Module"/>: the module's identity in caches and proofs.</summary>
    public ReadOnlyMemory<byte> ModuleHash { get; }

    /// <summary>The plaintext input of a public job; empty for a private one.</summary>
    public ReadOnlyMemory<byte> Input => _input;

    /// <summary>The private job's sealed input, commitment, requester and proof; <c>null</c> for a public job.</summary>
    public PrivateEnvelope? Envelope { get; }

    public bool IsPrivate => Envelope is not null;

    /// <summary>The size of the input as submitted (sealed, for a private job).</summary>
    public int InputLength => Envelope?.SealedInput.Length ?? _input.Length;

    public ResourceLimits Limits { get; }

    /// <summary>How many validators run the job (K).</summary>
    public int Replication { get; }

    /// <summary>A job whose input is public: every validator and the coordinator may see it.</summary>
    public static JobSpec Public(
        JobId id, ReadOnlySpan<byte> module, ReadOnlySpan<byte> input, ResourceLimits? limits = null,
        int replication = DefaultReplication)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new JobSpec(id, module.ToArray(), input.ToArray(), null, limits ?? ResourceLimits.Default, replication);
    }

    /// <summary>A job whose input only the requester and the cohort's executors ever see in plaintext.</summary>
    public static JobSpec Private(
        JobId id, ReadOnlySpan<byte> module, PrivateEnvelope envelope, ResourceLimits? limits = null,
        int replication = DefaultReplication)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(envelope);
        return new JobSpec(id, module.ToArray(), [], envelope, limits ?? ResourceLimits.Default, replication);
    }
}
