using System.Security.Cryptography;

namespace Paraloom.Compute;

/// <summary>
/// What a requester submits: the module, the input, the limits and the replication factor K.
/// The bytes are copied on construction, so a spec never changes after it is made.
/// </summary>
public sealed class JobSpec
{
    public const int DefaultReplication = 3;

    private readonly byte[] _module;
    private readonly byte[] _input;

    private JobSpec(JobId id, byte[] module, byte[] input, ResourceLimits limits, int replication)
    {
        Id = id;
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

    /// <summary>The plaintext input of a public job.</summary>
    public ReadOnlyMemory<byte> Input => _input;

    public int InputLength => _input.Length;

    public ResourceLimits Limits { get; }

    /// <summary>How many validators run the job (K).</summary>
    public int Replication { get; }

    /// <summary>A job whose input is public: every validator and the coordinator may see it.</summary>
    public static JobSpec Public(
        JobId id, ReadOnlySpan<byte> module, ReadOnlySpan<byte> input, ResourceLimits? limits = null,
        int replication = DefaultReplication)
    {
        ArgumentNullException.ThrowIfNull(id);
        return new JobSpec(id, module.ToArray(), input.ToArray(), limits ?? ResourceLimits.Default, replication);
    }
}
