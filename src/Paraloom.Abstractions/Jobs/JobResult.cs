using Orleans;
using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Grains;

/// <summary>
/// A finalised job's agreed result. A private job's output is the sealed output, which only the requester
/// opens (<see cref="Decrypt"/>); a public job's is the plaintext. <see cref="ToString"/> never shows output.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.job-result")]
public sealed class JobResult
{
    [Id(0)]
    private readonly byte[] _output;

    [Id(9)]
    private readonly byte[] _receipt;

    public JobResult(
        string jobId, int attempt, ExecutionStatus status, uint code, ReadOnlySpan<byte> output, ResultDigest digest,
        long fuelUsed, UInt128 fee, PrivateJobContext? privacy, ReadOnlySpan<byte> receipt = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        ArgumentNullException.ThrowIfNull(digest);
        JobId = jobId;
        Attempt = attempt;
        Status = status;
        Code = code;
        _output = output.ToArray();
        Digest = digest;
        FuelUsed = fuelUsed;
        Fee = fee;
        Privacy = privacy;
        _receipt = receipt.ToArray();
    }

    [Id(1)]
    public string JobId { get; }

    /// <summary>The attempt whose cohort agreed (a private output is sealed per attempt).</summary>
    [Id(2)]
    public int Attempt { get; }

    [Id(3)]
    public ExecutionStatus Status { get; }

    /// <summary>The trap code or ABI error kind; 0 when <see cref="Status"/> is Ok.</summary>
    [Id(4)]
    public uint Code { get; }

    public TrapCode? Trap => Status == ExecutionStatus.Trap ? (TrapCode)Code : null;

    public AbiErrorKind? AbiError => Status == ExecutionStatus.AbiError ? (AbiErrorKind)Code : null;

    /// <summary>The sealed output of a private job, the plaintext output of a public one; empty unless Ok.</summary>
    public ReadOnlyMemory<byte> Output => _output;

    [Id(5)]
    public ResultDigest Digest { get; }

    [Id(6)]
    public long FuelUsed { get; }

    [Id(7)]
    public UInt128 Fee { get; }

    [Id(8)]
    public PrivateJobContext? Privacy { get; }

    public bool IsPrivate => Privacy is not null;

    /// <summary>
    /// The canonical bytes of the job's receipt (<see cref="JobReceipt"/>): the statement and a threshold of the cohort's
    /// certified votes on this result. Empty for a result agreed before receipts.
    /// </summary>
    public ReadOnlyMemory<byte> Receipt => _receipt;

    /// <summary>Opens a private job's output with the requester's secret key.</summary>
    /// <exception cref="InvalidOperationException">The job is public, or did not end Ok.</exception>
    /// <exception cref="AuthenticationFailedException">The output does not open under this key.</exception>
    public byte[] Decrypt(SecretKey requester)
    {
        if (Privacy is null)
        {
            throw new InvalidOperationException("A public job's output is not encrypted: read Output.");
        }
        if (Status != ExecutionStatus.Ok)
        {
            throw new InvalidOperationException($"The job ended with {Status}; it has no output.");
        }
        return Privacy.OpenOutput(requester, Attempt, SealedOutput.FromBytes(_output));
    }

    public override string ToString() => $"JobResult({JobId}, {Status}, {FuelUsed} fuel, digest {Digest})";
}
