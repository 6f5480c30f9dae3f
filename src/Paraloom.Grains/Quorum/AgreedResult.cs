using Paraloom.Compute;
using Paraloom.Compute.Execution;

namespace Paraloom.Grains;

/// <summary>The result a cohort agreed on, with the output that matches its digest.</summary>
public sealed class AgreedResult
{
    private readonly byte[] _output;

    public AgreedResult(ExecutionStatus status, uint code, ReadOnlySpan<byte> output, ResultDigest digest, long fuelUsed)
    {
        ArgumentNullException.ThrowIfNull(digest);
        Status = status;
        Code = code;
        _output = output.ToArray();
        Digest = digest;
        FuelUsed = fuelUsed;
    }

    public ExecutionStatus Status { get; }

    public uint Code { get; }

    public ReadOnlyMemory<byte> Output => _output;

    public ResultDigest Digest { get; }

    public long FuelUsed { get; }

    public override string ToString() => $"AgreedResult({Status}, {FuelUsed} fuel, digest {Digest})";
}
