using System.Text.RegularExpressions;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Client;

/// <summary>
/// Builds a <see cref="Job"/>: the module, then either a public <see cref="Input"/> with its
/// <see cref="RequestedBy"/> key, or a <see cref="PrivateInput"/> sealed at <see cref="Build"/> with the
/// secret given to <see cref="WithOwnershipProof"/>. Inputs are copied when given.
/// </summary>
public sealed partial class JobBuilder
{
    /// <summary>K when <see cref="Replication"/> is not called.</summary>
    public const int DefaultReplication = 3;

    /// <summary>The longest job id.</summary>
    public const int MaxIdLength = 64;

    private byte[]? _module;
    private byte[]? _input;
    private bool _isPrivate;
    private PublicKey? _requester;
    private SecretKey? _owner;
    private JobLimits _limits = new();
    private int _replication = DefaultReplication;
    private string? _id;

    internal JobBuilder()
    {
    }

    /// <summary>The WebAssembly module (compute ABI v1).</summary>
    public JobBuilder Wasm(ReadOnlySpan<byte> module)
    {
        _module = module.ToArray();
        return this;
    }

    /// <summary>A public input: the service and every validator see it, and the output comes back in the clear.</summary>
    public JobBuilder Input(ReadOnlySpan<byte> input)
    {
        _input = input.ToArray();
        _isPrivate = false;
        return this;
    }

    /// <summary>The key allowed to fetch a public job's result.</summary>
    public JobBuilder RequestedBy(PublicKey requester)
    {
        _requester = requester ?? throw new ArgumentNullException(nameof(requester));
        return this;
    }

    /// <summary>
    /// A private input: sealed under a job key only <paramref name="requester"/>'s secret derives, seen in the
    /// clear only by the cohort's executors; the output comes back sealed to the same key.
    /// </summary>
    public JobBuilder PrivateInput(ReadOnlySpan<byte> input, PublicKey requester)
    {
        _input = input.ToArray();
        _isPrivate = true;
        return RequestedBy(requester);
    }

    /// <summary>
    /// The requester's secret key: it proves ownership of the key and the input and seals the input at
    /// <see cref="Build"/>. It is used there and not kept; the job keeps only its own job key, for the hand-out.
    /// </summary>
    public JobBuilder WithOwnershipProof(SecretKey requesterSecret)
    {
        _owner = requesterSecret ?? throw new ArgumentNullException(nameof(requesterSecret));
        return this;
    }

    /// <summary>The job's limits; those left null take the network's defaults.</summary>
    public JobBuilder Limits(JobLimits limits)
    {
        _limits = limits ?? throw new ArgumentNullException(nameof(limits));
        return this;
    }

    /// <summary>K: how many validators run the job (default 3).</summary>
    public JobBuilder Replication(int validators)
    {
        _replication = validators >= 1
            ? validators
            : throw new ArgumentOutOfRangeException(nameof(validators), validators, "The replication K must be at least 1.");
        return this;
    }

    /// <summary>The job id (1–64 letters, digits, '-' or '_'); a fresh random one when not set.</summary>
    public JobBuilder Id(string jobId)
    {
        _id = jobId is not null && IdPattern().IsMatch(jobId)
            ? jobId
            : throw new ArgumentException($"A job id must be 1 to {MaxIdLength} characters of letters, digits, '-' or '_'.", nameof(jobId));
        return this;
    }

    /// <exception cref="InvalidOperationException">Something the job needs is missing or does not fit together.</exception>
    public Job Build()
    {
        var module = _module ?? throw new InvalidOperationException("The job has no module: call Wasm(bytes).");
        var input = _input ?? throw new InvalidOperationException("The job has no input: call Input(bytes) or PrivateInput(bytes, key).");
        var requester = _requester ?? throw new InvalidOperationException("A public job needs RequestedBy(publicKey): only that key may fetch its result.");
        var id = _id ?? Guid.NewGuid().ToString("N");
        var (sealedInput, jobKey) = _isPrivate ? Seal(id, module, input, requester) : (null, null);
        return new Job(id, module, _isPrivate ? null : input, sealedInput, requester, _limits, _replication, jobKey);
    }

    private (PrivateJobInput, KeptJobKeys) Seal(string id, byte[] module, byte[] input, PublicKey requester)
    {
        var owner = _owner ?? throw new InvalidOperationException(
            "A private job needs WithOwnershipProof(requesterSecret): it seals the input and proves ownership.");
        if (!owner.PublicKey.Equals(requester))
        {
            throw new InvalidOperationException("The ownership proof's secret key is not the requester key given to PrivateInput.");
        }
        var sealedInput = PrivateJobInput.Seal(id, module, input, owner);
        return (sealedInput, new KeptJobKeys(JobKey.Derive(owner, sealedInput.Nonce), KeyHandOut.DeriveSigningKey(owner, sealedInput.Nonce)));
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
