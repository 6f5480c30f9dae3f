using Paraloom.Privacy.Curve;

namespace Paraloom.Privacy;

/// <summary>
/// The value v committed to: a 64-bit amount (so commitments add, C(a) + C(b) = C(a + b)), or arbitrary
/// data mapped to a scalar by a tagged hash. Private by nature: ToString never shows it.
/// </summary>
public sealed class CommitmentValue
{
    private CommitmentValue(in Scalar scalar, ulong? amount)
    {
        Scalar = scalar;
        Amount = amount;
    }

    internal Scalar Scalar { get; }

    /// <summary>Set for amounts: only 64 bits wide, so multiplying by G needs a quarter of the windows.</summary>
    internal ulong? Amount { get; }

    public static CommitmentValue OfAmount(ulong amount) => new(Scalar.FromUInt64(amount), amount);

    /// <summary>v = TaggedHash("Paraloom/commitment-value/v1", data) mod n.</summary>
    public static CommitmentValue OfData(ReadOnlySpan<byte> data) =>
        new(Scalar.ReadReduced(TaggedHash.CommitmentValue.Compute(data)), null);

    public override string ToString() => "CommitmentValue(redacted)";
}
