using System.Text.RegularExpressions;
using Paraloom.Compute;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Client;

/// <summary>
/// Builds a <see cref="Job"/>: the module, then either a public <see cref="Input"/> with its
/// <see cref="RequestedBy"/> key, or a <see cref="PrivateInput"/> sealed at <see cref="Build"/> with the
/// secret given to <see cref="WithOwnershipProof"/>. Either way the requester's secret signs the job's statement at
/// <see cref="Build"/> and is not kept. Inputs are copied when given.
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
    private TimeSpan _validity = DefaultValidity;
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

    /// <summary>How long a built job stays submittable when <see cref="ValidFor"/> is not called.</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromHours(1);

    /// <summary>
    /// The requester of a public job: its secret key signs the job's statement at <see cref="Build"/> (and is not
    /// kept), and only its key may fetch the result.
    /// </summary>
    public JobBuilder RequestedBy(SecretKey requesterSecret)
    {
        _owner = requesterSecret ?? throw new ArgumentNullException(nameof(requesterSecret));
        return this;
    }

    /// <summary>
    /// How long after <see cref="Build"/> the job may be submitted (default an hour; at most the network's retention):
    /// its statement expires then, so nobody can submit it later.
    /// </summary>
    public JobBuilder ValidFor(TimeSpan validity)
    {
        _validity = validity > TimeSpan.Zero
            ? validity
            : throw new ArgumentOutOfRangeException(nameof(validity), validity, "A job's statement must be valid for some time.");
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
        _requester = requester ?? throw new ArgumentNullException(nameof(requester));
        return this;
    }

    /// <summary>
    /// The requester's secret key: it proves ownership of the key and the input, seals the input and signs the job's
    /// statement at <see cref="Build"/>. It is used there and not kept; the job keeps only its own job key, for the hand-out.
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
        var id = JobId.Parse(_id ?? Guid.NewGuid().ToString("N"));
        var limits = _limits.Resolve();
        var expiresAt = DateTimeOffset.UtcNow + _validity;
        if (!_isPrivate)
        {
            var requester = _owner ?? throw new InvalidOperationException(
                "A public job needs RequestedBy(requesterSecret): the requester signs the job's statement, and only its key may fetch the result.");
            var statement = JobStatement.ForPublic(id, module, input, requester.PublicKey, limits, _replication, expiresAt).Sign(requester);
            return new Job(statement, module, input, null, _limits, null);
        }
        var owner = _owner ?? throw new InvalidOperationException(
            "A private job needs WithOwnershipProof(requesterSecret): it seals the input, proves ownership and signs the job's statement.");
        if (!owner.PublicKey.Equals(_requester))
        {
            throw new InvalidOperationException("The ownership proof's secret key is not the requester key given to PrivateInput.");
        }
        var sealedInput = PrivateJobInput.Seal(id.Value, module, input, owner);
        var signed = JobStatement.ForPrivate(id, module, sealedInput.InputCommitment, sealedInput.Nonce, owner.PublicKey, limits, _replication, expiresAt)
            .Sign(owner);
        var context = new PrivateJobContext(id.Value, signed.Statement.ModuleHash, sealedInput.InputCommitment, owner.PublicKey, sealedInput.Nonce);
        var keys = new KeptJobKeys(context, JobKey.Derive(owner, sealedInput.Nonce), KeyHandOut.DeriveSigningKey(owner, sealedInput.Nonce));
        return new Job(signed, module, null, sealedInput, _limits, keys);
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
