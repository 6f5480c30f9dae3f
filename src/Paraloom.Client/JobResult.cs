using Paraloom.Privacy;
using Paraloom.Privacy.Protocol;

namespace Paraloom.Client;

/// <summary>
/// A job's agreed result. A private job's <see cref="Output"/> is sealed: <see cref="Decrypt"/> opens it with
/// the requester's secret key. <see cref="ToString"/> never shows output.
/// </summary>
public sealed class JobResult
{
    private readonly byte[] _output;
    private readonly PrivateJobContext? _context;
    private readonly byte[] _receipt;

    internal JobResult(
        string jobId, int attempt, ResultStatus status, uint code, string? error, byte[] output, string digest, long fuelUsed,
        UInt128 fee, PrivateJobContext? context, byte[] receipt, ResultNote? note = null)
    {
        JobId = jobId;
        Attempt = attempt;
        Status = status;
        Code = code;
        Error = error;
        _output = output;
        Digest = digest;
        FuelUsed = fuelUsed;
        Fee = fee;
        _context = context;
        _receipt = receipt;
        Note = note;
    }

    /// <summary>The job.</summary>
    public string JobId { get; }

    /// <summary>The attempt whose cohort agreed.</summary>
    public int Attempt { get; }

    /// <summary>Ok, or the deterministic Trap or AbiError the cohort agreed on.</summary>
    public ResultStatus Status { get; }

    /// <summary>The trap code or ABI error kind; 0 when Ok.</summary>
    public uint Code { get; }

    /// <summary>The trap or ABI error by name, when not Ok.</summary>
    public string? Error { get; }

    /// <summary>The sealed output of a private job, the plaintext of a public one; empty unless Ok.</summary>
    public ReadOnlyMemory<byte> Output => _output;

    /// <summary>The digest the cohort agreed on (hex).</summary>
    public string Digest { get; }

    /// <summary>The fuel the agreed execution used (the votes bind it).</summary>
    public long FuelUsed { get; }

    /// <summary>The fee, in the network's smallest unit.</summary>
    public UInt128 Fee { get; }

    /// <summary>
    /// The job receipt's canonical bytes (docs/receipt-format.md): checked against the network key before this result
    /// is returned when <see cref="ParaloomClientOptions.NetworkKey"/> is set; empty for a result agreed before receipts.
    /// </summary>
    public ReadOnlyMemory<byte> Receipt => _receipt;

    /// <summary>True when <see cref="Output"/> is sealed: open it with <see cref="Decrypt"/>.</summary>
    public bool IsPrivate => _context is not null;

    /// <summary>
    /// A private job's output note, opened with the requester's key and checked against the commitment its receipt
    /// carries (<see cref="UnverifiedResultException"/> otherwise); <c>null</c> for a public job, a trap or ABI error,
    /// and a result agreed before notes.
    /// </summary>
    public ResultNote? Note { get; }

    internal PrivateJobContext? Context => _context;

    internal JobResult WithNote(ResultNote note) =>
        new(JobId, Attempt, Status, Code, Error, _output, Digest, FuelUsed, Fee, _context, _receipt, note);

    /// <summary>Opens a private job's output with the requester's secret key.</summary>
    /// <exception cref="InvalidOperationException">The job is public, or did not end Ok.</exception>
    /// <exception cref="ArgumentException">The key is not the requester's.</exception>
    /// <exception cref="AuthenticationFailedException">The output does not open: it was tampered with.</exception>
    public byte[] Decrypt(SecretKey requester)
    {
        ArgumentNullException.ThrowIfNull(requester);
        if (_context is null)
        {
            throw new InvalidOperationException("A public job's output is not encrypted: read Output.");
        }
        if (Status != ResultStatus.Ok)
        {
            throw new InvalidOperationException($"The job ended with {Status} ({Error}); it has no output.");
        }
        return _context.OpenOutput(requester, Attempt, SealedOutput.FromBytes(_output));
    }

    /// <inheritdoc/>
    public override string ToString() => $"JobResult({JobId}, {Status}, {FuelUsed} fuel, digest {Digest})";
}
