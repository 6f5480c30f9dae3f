using System.Security.Cryptography;
using Paraloom.Privacy.Notes;

namespace Paraloom.Compute.Execution;

/// <summary>
/// The outcome of one execution: status, output and fuel, and the digest a validator votes on.
/// <see cref="ToString"/> never shows the output, which may be a private job's plaintext.
/// </summary>
public sealed class ExecutionResult
{
    private readonly byte[] _output;

    private ExecutionResult(
        ExecutionStatus status, uint code, byte[] output, long fuelUsed, ExecutionProfile? profile, ResultDigest? outputFingerprint = null,
        NoteCommitment? note = null)
    {
        Status = status;
        Code = code;
        _output = output;
        FuelUsed = fuelUsed;
        Profile = profile;
        OutputFingerprint = outputFingerprint;
        Note = note;
        Digest = status == ExecutionStatus.TimedOut ? null : ResultDigestEncoding.Compute(status, code, output, outputFingerprint);
    }

    public ExecutionStatus Status { get; }

    /// <summary>The trap, when <see cref="Status"/> is <see cref="ExecutionStatus.Trap"/>.</summary>
    public TrapCode? Trap => Status == ExecutionStatus.Trap ? (TrapCode)Code : null;

    /// <summary>The ABI failure, when <see cref="Status"/> is <see cref="ExecutionStatus.AbiError"/>.</summary>
    public AbiErrorKind? AbiError => Status == ExecutionStatus.AbiError ? (AbiErrorKind)Code : null;

    /// <summary>The bytes <c>run</c> returned; empty unless <see cref="Status"/> is <see cref="ExecutionStatus.Ok"/>.</summary>
    public ReadOnlyMemory<byte> Output => _output;

    /// <summary>Fuel consumed, including by <c>alloc</c>.</summary>
    public long FuelUsed { get; }

    /// <summary>The engine profile the result was produced under (results of equal profiles are comparable).</summary>
    public ExecutionProfile? Profile { get; }

    /// <summary>
    /// A private job's successful result: the plaintext output's fingerprint (the same in every attempt), while
    /// <see cref="Output"/> is the sealed output; <c>null</c> for every other result.
    /// </summary>
    public ResultDigest? OutputFingerprint { get; }

    /// <summary>A private job's successful result: the plaintext output's note, which the vote signs; <c>null</c> otherwise.</summary>
    public NoteCommitment? Note { get; }

    /// <summary>The digest to vote on; <c>null</c> exactly when the execution timed out.</summary>
    public ResultDigest? Digest { get; }

    /// <summary>Whether the result may be voted on: every outcome but a wall-clock timeout.</summary>
    public bool IsVotable => Digest is not null;

    /// <summary>The <see cref="TrapCode"/> or <see cref="AbiErrorKind"/> as the digest encodes it; 0 otherwise.</summary>
    public uint Code { get; }

    internal static ExecutionResult Ok(byte[] output, long fuelUsed, ExecutionProfile? profile = null) =>
        new(ExecutionStatus.Ok, 0, output, fuelUsed, profile);

    internal static ExecutionResult Trapped(TrapCode trap, long fuelUsed, ExecutionProfile? profile = null) =>
        new(ExecutionStatus.Trap, (uint)trap, [], fuelUsed, profile);

    internal static ExecutionResult Failed(AbiErrorKind kind, long fuelUsed, ExecutionProfile? profile = null) =>
        new(ExecutionStatus.AbiError, (uint)kind, [], fuelUsed, profile);

    internal static ExecutionResult TimedOut(long fuelUsed, ExecutionProfile? profile = null) =>
        new(ExecutionStatus.TimedOut, 0, [], fuelUsed, profile);

    /// <summary>
    /// The same result with a private job's output replaced by its sealed bytes, with the plaintext's fingerprint and note.
    /// </summary>
    internal ExecutionResult WithSealedOutput(byte[] sealedOutput, ResultDigest outputFingerprint, NoteCommitment note) =>
        Status == ExecutionStatus.Ok
            ? new(Status, Code, sealedOutput, FuelUsed, Profile, outputFingerprint, note)
            : throw new InvalidOperationException("Only a successful result has an output.");

    /// <summary>Zeroes the output in place once a private job's plaintext has been sealed.</summary>
    internal void ClearOutput() => CryptographicOperations.ZeroMemory(_output);

    public override string ToString() => Status switch
    {
        ExecutionStatus.Ok => $"Ok ({_output.Length} bytes, {FuelUsed} fuel, digest {Digest})",
        ExecutionStatus.Trap => $"Trap {Trap} ({FuelUsed} fuel, digest {Digest})",
        ExecutionStatus.AbiError => $"AbiError {AbiError} ({FuelUsed} fuel, digest {Digest})",
        _ => $"TimedOut ({FuelUsed} fuel)",
    };
}
