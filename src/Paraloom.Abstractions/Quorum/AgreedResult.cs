using Orleans;
using Paraloom.Compute;
using Paraloom.Compute.Execution;
using Paraloom.Privacy.Notes;

namespace Paraloom.Grains;

/// <summary>
/// The result a cohort agreed on, with the output that matches its digest and the agreeing members' signatures, from
/// which the job builds its receipt.
/// </summary>
[GenerateSerializer, Immutable, Alias("paraloom.agreed-result")]
public sealed class AgreedResult
{
    [Id(0)]
    private readonly byte[] _output;

    public AgreedResult(
        ExecutionStatus status, uint code, ReadOnlySpan<byte> output, ResultDigest digest, long fuelUsed, ResultDigest? outputFingerprint = null,
        IReadOnlyList<AgreeingVote>? votes = null, NoteCommitment? note = null)
    {
        ArgumentNullException.ThrowIfNull(digest);
        Status = status;
        Code = code;
        _output = output.ToArray();
        Digest = digest;
        FuelUsed = fuelUsed;
        OutputFingerprint = outputFingerprint;
        Votes = votes ?? [];
        Note = note;
    }

    [Id(1)]
    public ExecutionStatus Status { get; }

    [Id(2)]
    public uint Code { get; }

    public ReadOnlyMemory<byte> Output => _output;

    [Id(3)]
    public ResultDigest Digest { get; }

    [Id(4)]
    public long FuelUsed { get; }

    /// <summary>A private job's agreed output fingerprint (<see cref="SignedVote.OutputFingerprint"/>); <c>null</c> otherwise.</summary>
    [Id(5)]
    public ResultDigest? OutputFingerprint { get; }

    /// <summary>The signed votes of the members that agreed (equivocators left out), in cohort order.</summary>
    [Id(6)]
    public IReadOnlyList<AgreeingVote> Votes { get; }

    /// <summary>
    /// A private job's agreed output note (<see cref="SignedVote.Note"/>): every agreeing vote signs it, and the receipt
    /// carries it; <c>null</c> for every other result. Final notes are what the note tree appends.
    /// </summary>
    [Id(7)]
    public NoteCommitment? Note { get; }

    public override string ToString() => $"AgreedResult({Status}, {FuelUsed} fuel, digest {Digest})";
}
