using Paraloom.Compute;
using Paraloom.Privacy;

namespace Paraloom.Grains;

/// <summary>One attempt of a job, as given to one cohort member. <see cref="ToString"/> shows no input.</summary>
public sealed class Assignment
{
    private readonly byte[] _module;
    private readonly byte[] _publicInput;

    public Assignment(
        string jobId, int attempt, ReadOnlySpan<byte> module, ResourceLimits limits, ReadOnlySpan<byte> publicInput,
        PrivateAssignment? privateInput)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        ArgumentNullException.ThrowIfNull(limits);
        JobId = jobId;
        Attempt = attempt;
        _module = module.ToArray();
        Limits = limits;
        _publicInput = publicInput.ToArray();
        Private = privateInput;
    }

    public string JobId { get; }

    public int Attempt { get; }

    public ReadOnlyMemory<byte> Module => _module;

    public ResourceLimits Limits { get; }

    /// <summary>The input of a public job; empty for a private one.</summary>
    public ReadOnlyMemory<byte> PublicInput => _publicInput;

    public PrivateAssignment? Private { get; }

    public override string ToString() => $"Assignment({JobId}/{Attempt}, {(Private is null ? "public" : "private")})";
}

/// <summary>What a cohort member needs to run a private job: the sealed input, the proof and its wrapped key.</summary>
public sealed record PrivateAssignment(
    PrivateJobContext Context, SealedInput SealedInput, OwnershipProof OwnershipProof, WrappedJobKey WrappedKey);
